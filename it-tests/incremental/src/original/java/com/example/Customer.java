package com.example;

import dev.dynamatic.ast.Attributes;

/** Deleted by the second change: its generated CustomerAttributes must go with it. */
@Attributes
public record Customer(String name) {}
