// Run by maven-invoker-plugin after the builds of invoker.properties. The second build changed nothing, so
// maven-compiler-plugin compiled nothing again, main or test; every other build recompiled the changed sources.
def log = new File(basedir, 'build.log').text
def compiles = log.readLines().findAll { it.contains('Nothing to compile') || it.contains('Recompiling the module') }
def expected = [
    'Recompiling', 'Recompiling',   // 1: clean, main and test
    'Nothing', 'Nothing',           // 2: nothing changed
    'Recompiling', 'Recompiling',   // 3: records changed
    'Recompiling', 'Recompiling',   // 4: Use.java changed
]
def actual = compiles.collect { it.contains('Nothing to compile') ? 'Nothing' : 'Recompiling' }
if (actual != expected) {
    throw new AssertionError('maven-compiler-plugin compiled ' + actual + ', expected ' + expected + ':\n'
            + compiles.join('\n'))
}
