package com.example;

import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;

/** The record that the later builds change: a component added, one removed, one stored under another name. */
@Attributes
public record Order(String id, @Attribute("state") String status, Location shipping, String note) {}
