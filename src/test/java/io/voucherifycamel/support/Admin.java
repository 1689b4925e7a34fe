package io.voucherifycamel.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Calls to the admin API with the test profile's credentials. */
public final class Admin {

    public static final String USER = "admin";
    public static final String PASSWORD = "admin-test-password";

    private Admin() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic(USER, PASSWORD);
    }
}
