package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Dsl;
import dev.dynamatic.core.Table;
import dev.dynamatic.render.Renderer;
import org.junit.jupiter.api.Test;

/** The library runs as named modules, as users on the module path get it (STYLE.md). */
@DynamoDbIT
class ModulePathIT {

    @Test
    void theLibraryIsOnTheModulePath() {
        assertTrue(Dsl.class.getModule().isNamed());
        assertEquals("dev.dynamatic.ast", Dsl.class.getModule().getName());
        assertEquals("dev.dynamatic.render", Renderer.class.getModule().getName());
        assertEquals("dev.dynamatic.core", Table.class.getModule().getName());
        assertEquals("dev.dynamatic.it", getClass().getModule().getName());
    }
}
