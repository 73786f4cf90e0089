# Turns .sql files into one C++ source so the binaries carry their SQL; the
# generator runs at build time so an edited .sql file rebuilds the library.
function(embed_sql target output)
    set(inputs)
    foreach(f ${ARGN})
        list(APPEND inputs ${CMAKE_SOURCE_DIR}/${f})
    endforeach()
    add_custom_command(
        OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DROOT=${CMAKE_SOURCE_DIR}
                "-DINPUTS=${ARGN}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedSqlGenerate.cmake
        DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/EmbedSqlGenerate.cmake
        COMMENT "Embedding SQL files"
        VERBATIM)
    add_custom_target(${target} DEPENDS ${output})
endfunction()
