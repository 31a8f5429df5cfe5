package dev.kbuildx.driver.kubernetes;

/**
 * One pod toleration, already validated and normalised ({@code operator} is {@code Equal} or
 * {@code Exists}, {@code effect} one of Kubernetes' three effects or null).
 */
public record TolerationSpec(String key, String operator, String value, String effect, Long tolerationSeconds) {}
