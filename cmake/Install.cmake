# What `cmake --install` puts under the prefix: the three programs (no test
# or bench binary), their man pages, their bash completion where Debian's
# bash-completion looks for it (one file serves every name), and, under
# share/doc/portreg, the README, the licence, the reference (docs/) and the
# SQL examples.
include(GNUInstallDirs)

install(TARGETS portreg-import portreg-query portreg-serve
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/man/portreg-import.1 docs/man/portreg-query.1 docs/man/portreg-serve.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
foreach(program portreg-import portreg-query portreg-serve)
    install(FILES contrib/bash-completion/portreg DESTINATION
            ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${program})
endforeach()
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs FILES_MATCHING PATTERN "*.md"
        PATTERN man EXCLUDE)
file(GLOB portreg_sql_examples ${CMAKE_SOURCE_DIR}/sql/examples/*.sql)
install(FILES ${portreg_sql_examples} DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The systemd units of contrib/systemd, under lib/systemd/system (where
# systemd looks, in /usr and /usr/local alike), not enabled. Their
# ExecStart names /usr/local/bin, for a copy by hand; installed, it names
# the program installed beside them, which only the prefix of the install
# itself tells (cmake --install --prefix, or /usr for cpack).
install(CODE "set(portreg_bindir \"${CMAKE_INSTALL_BINDIR}\")
    set(portreg_units_source \"${CMAKE_SOURCE_DIR}/contrib/systemd\")
    set(portreg_units_written \"${CMAKE_BINARY_DIR}/systemd-units\")")
install(CODE [[
    foreach(unit portreg-update.service portreg-update.timer portreg-serve.service)
        file(READ "${portreg_units_source}/${unit}" text)
        string(REPLACE "/usr/local/bin/" "${CMAKE_INSTALL_PREFIX}/${portreg_bindir}/" text "${text}")
        file(WRITE "${portreg_units_written}/${unit}" "${text}")
        file(INSTALL "${portreg_units_written}/${unit}"
             DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
    endforeach()
]])
