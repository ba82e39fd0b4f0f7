package com.example;

/** Code using the generated references; the second change leaves it as it is, the third changes only it. */
public final class Use {

    private Use() {
    }

    /** {@return the paths of some references, as text} */
    public static String paths() {
        return OrderAttributes.status.path() + " " + OrderAttributes.note.path() + " "
                + OrderAttributes.shipping.city.path();
    }
}
