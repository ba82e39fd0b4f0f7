package com.example;

import dev.dynamatic.ast.Attributes;

/** Renamed to Location by the second change. */
@Attributes
public record Address(String city) {}
