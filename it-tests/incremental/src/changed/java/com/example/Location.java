package com.example;

import dev.dynamatic.ast.Attributes;

/** Address, renamed by the second change. */
@Attributes
public record Location(String city) {}
