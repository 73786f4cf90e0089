# What `cmake --install` puts under the prefix: the two programs (no test
# or bench binary), their man pages, their bash completion where Debian's
# bash-completion looks for it (one file serves both names), and, under
# share/doc/portreg, the README, the licence, the reference (docs/) and the
# SQL examples.
include(GNUInstallDirs)

install(TARGETS portreg-import portreg-query RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/man/portreg-import.1 docs/man/portreg-query.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
foreach(program portreg-import portreg-query)
    install(FILES contrib/bash-completion/portreg DESTINATION
            ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${program})
endforeach()
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs FILES_MATCHING PATTERN "*.md")
file(GLOB portreg_sql_examples ${CMAKE_SOURCE_DIR}/sql/examples/*.sql)
install(FILES ${portreg_sql_examples} DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
