package dev.kbuildx.driver.kubernetes;

/** A pod by namespace and name: pod names repeat across namespaces when every namespace is listed. */
public record PodAddress(String namespace, String pod) {}
