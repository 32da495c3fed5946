# CPack runs this on the staged packages (CPACK_PRE_BUILD_SCRIPTS, cmake/Package.cmake): Debian
# ships man pages gzip-compressed; `cmake --install` leaves them plain.
file(GLOB_RECURSE _pages "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/man/*.1")
foreach(page IN LISTS _pages)
  execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip ${page} failed")
  endif()
endforeach()
