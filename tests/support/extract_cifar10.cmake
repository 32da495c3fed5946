# Extracts ../shared/data/cifar10-jpeg.tar.gz once into the build folder (never the repository).
# Without the archive it does nothing, and the CIFAR-10 test skips.
if(NOT EXISTS "${ARCHIVE}")
  message(STATUS "no ${ARCHIVE}: the CIFAR-10 tests will skip")
  return()
endif()
if(EXISTS "${DEST}/.complete")
  return()
endif()
file(REMOVE_RECURSE "${DEST}")
file(MAKE_DIRECTORY "${DEST}")
execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf "${ARCHIVE}" WORKING_DIRECTORY "${DEST}"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cannot extract ${ARCHIVE}")
endif()
file(TOUCH "${DEST}/.complete")
