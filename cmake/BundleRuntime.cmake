# Runs at install time (cmake/Install.cmake): copies the shared libraries that ROOTS need, and
# those they need in turn, into DESTINATION, one flat folder. LibTorch's and the CUDA wheels'
# libraries all carry RUNPATH $ORIGIN, so in one folder they find each other without patching.
#
#   longtail_bundle_runtime(DESTINATION DIR ROOTS FILE... [BESIDES FILE...]
#                           SEARCH DIR... TRUST PREFIX... [STRIP STRIP_PROGRAM])
#
# DESTINATION: under the install prefix (file(INSTALL) adds DESTDIR itself).
# ROOTS: executables or libraries; libraries among them are copied too. Only libraries that
# resolve under a TRUST prefix (the venv's site-packages, the CUDA toolkit) are copied; the rest
# are the system's (Debian's Qt, OpenCV, libc...) and stay the package's Depends. BESIDES: files
# whose own closure another component already installs, left out here. SEARCH: folders tried
# after each file's RUNPATH (the CUDA wheels' lib folders, for libraries that name each other
# without a RUNPATH to reach them). libcuda.so.1 is the NVIDIA driver, never bundled.
function(_lt_runtime_closure out)
  cmake_parse_arguments(C "" "" "FILES;SEARCH;TRUST" ${ARGN})
  set(executables "")
  set(libraries "")
  foreach(f IN LISTS C_FILES)
    if(f MATCHES "\\.so(\\.[0-9]+)*$")
      list(APPEND libraries "${f}")
    else()
      list(APPEND executables "${f}")
    endif()
  endforeach()
  file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES ${executables}
    LIBRARIES ${libraries}
    DIRECTORIES ${C_SEARCH}
    PRE_EXCLUDE_REGEXES "^libcuda\\.so" "^ld-linux" "^libc\\.so" "^libm\\.so" "^libdl\\.so"
                        "^librt\\.so" "^libpthread\\.so"
    RESOLVED_DEPENDENCIES_VAR resolved
    UNRESOLVED_DEPENDENCIES_VAR unresolved
    CONFLICTING_DEPENDENCIES_PREFIX conflict)
  if(unresolved)
    message(FATAL_ERROR "longtail: cannot find ${unresolved}, needed by the programs; "
                        "run scripts/install-deps.sh, or configure with -DLONGTAIL_BUNDLE_TORCH=OFF")
  endif()
  # A name found in two places (the CUDA toolkit and a wheel): LibTorch's wheel copy wins, the
  # one torch was built and tested with.
  foreach(name IN LISTS conflict_FILENAMES)
    set(choice "")
    foreach(candidate IN LISTS conflict_${name})
      if(NOT choice OR candidate MATCHES "site-packages")
        set(choice "${candidate}")
      endif()
    endforeach()
    list(APPEND resolved "${choice}")
  endforeach()
  list(APPEND resolved ${libraries})
  set(kept "")
  foreach(lib IN LISTS resolved)
    file(REAL_PATH "${lib}" real)
    foreach(prefix IN LISTS C_TRUST)
      file(REAL_PATH "${prefix}" real_prefix)
      string(FIND "${real}" "${real_prefix}/" at)
      if(at EQUAL 0)
        list(APPEND kept "${lib}")
        break()
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES kept)
  set(${out} "${kept}" PARENT_SCOPE)
endfunction()

function(longtail_bundle_runtime)
  cmake_parse_arguments(B "" "DESTINATION;STRIP" "ROOTS;BESIDES;SEARCH;TRUST" ${ARGN})
  _lt_runtime_closure(wanted FILES ${B_ROOTS} SEARCH ${B_SEARCH} TRUST ${B_TRUST})
  set(done "")  # by name: one library can be reached by several paths (a symlinked venv)
  if(B_BESIDES)
    _lt_runtime_closure(elsewhere FILES ${B_BESIDES} SEARCH ${B_SEARCH} TRUST ${B_TRUST})
    foreach(lib IN LISTS elsewhere)
      get_filename_component(name "${lib}" NAME)
      list(APPEND done "${name}")
    endforeach()
  endif()
  list(SORT wanted)
  foreach(lib IN LISTS wanted)
    get_filename_component(name "${lib}" NAME)
    list(FIND done "${name}" at)  # (no IN_LIST: install scripts run under old policies)
    if(NOT at EQUAL -1)
      continue()
    endif()
    list(APPEND done "${name}")
    # The copy takes the name the dynamic linker looked for, whatever symlinks led there.
    file(REAL_PATH "${lib}" real)
    file(INSTALL DESTINATION "${B_DESTINATION}" TYPE FILE FILES "${real}" RENAME "${name}")
    # `cmake --install --strip` and CPack (CPACK_STRIP_FILES) strip the copies too: LibTorch's
    # libraries come with their symbol tables, which no one debugging an installed program needs.
    if(CMAKE_INSTALL_DO_STRIP AND B_STRIP)
      execute_process(COMMAND "${B_STRIP}" --strip-unneeded "$ENV{DESTDIR}${B_DESTINATION}/${name}"
                      RESULT_VARIABLE failed)
      if(failed)
        message(FATAL_ERROR "${B_STRIP} --strip-unneeded ${B_DESTINATION}/${name} failed")
      endif()
    endif()
  endforeach()
endfunction()
