# The version string the binaries print (--version), send (User-Agent) and
# store (properties.created_by): the project's version, followed in a git
# checkout by `git describe --always --dirty`. It is worked out at every
# build, not at configure time, so that it follows commits and edits; the
# header is rewritten only when the string changes, so that nothing is
# recompiled otherwise (lib/portreg/version.cpp alone includes it).
find_package(Git QUIET)
set(PORTREG_VERSION_HEADER ${CMAKE_BINARY_DIR}/generated/version_string.h)
add_custom_target(portreg_version
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${PORTREG_VERSION_HEADER} -DVERSION=${PROJECT_VERSION}
            -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DGIT=${GIT_EXECUTABLE}
            -P ${CMAKE_SOURCE_DIR}/cmake/VersionGenerate.cmake
    BYPRODUCTS ${PORTREG_VERSION_HEADER}
    COMMENT "Working out the version string"
    VERBATIM)
