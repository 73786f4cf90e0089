# `cpack -G DEB` in a build directory makes portreg_VERSION_ARCH.deb from
# what cmake/Install.cmake installs, under /usr (scripts/check-deb.sh
# builds, installs and removes it).
set(CPACK_PACKAGE_NAME portreg)
set(CPACK_PACKAGE_VENDOR "portreg authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "history of IANA's service name and port number registry in SQLite")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "portreg authors")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# The summary above is the first line of the package's description.
set(CPACK_PACKAGE_DESCRIPTION
    "portreg-import adds releases of IANA's Service Name and Transport Protocol
Port Number Registry (XML or CSV, files, archives or a download from IANA)
to one SQLite file as dated snapshots, storing each distinct record once.
portreg-query answers lookups by port, service, person or text, lists free
ports, and reports what changed between any two releases. portreg-serve
answers the same on web pages, JSON and CSV, read-only.")
# dpkg-shlibdeps finds the libraries the binaries link, Debian's shared
# cpp-httplib of portreg-serve among them (libcpp-httplib0.11, from its
# shlibs file). portreg-import opens libcurl.so.4 with dlopen when --fetch
# needs it, which it cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS libcurl4)

include(CPack)
