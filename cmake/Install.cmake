# `cmake --install BUILD --prefix P` makes LongTail Lab an installed desktop application:
#   P/bin/longtail, P/bin/longtail-lab          (RUNPATH $ORIGIN/../lib/longtail-lab)
#   P/lib/longtail-lab/                          the LibTorch runtime the programs load
#   P/share/man/man1/longtail*.1                 generated from the CLI's own options
#   P/share/bash-completion/completions/longtail
#   P/share/applications, icons/hicolor, metainfo, longtail-lab/translations
# and packaging/build-deb.sh turns the same rules into Debian packages (cmake/Package.cmake).
#
# Components: `app` (programs, pages, desktop files and the LibTorch libraries they load at
# start-up) and `cuda` (the CUDA libraries only a GPU run loads by name: cuDNN's engines,
# cuSOLVER, NVRTC). A CPU-only machine can leave `cuda` out.
include(GNUInstallDirs)

option(LONGTAIL_BUNDLE_TORCH
       "Install the LibTorch runtime beside the programs (lib/longtail-lab); OFF: the installed \
programs keep an RPATH to the LibTorch they were built against" ON)
set(LONGTAIL_PRIVATE_LIBDIR "lib/longtail-lab")

set(_lt_programs longtail)
if(TARGET longtail-lab)
  list(APPEND _lt_programs longtail-lab)
endif()
if(LONGTAIL_BUNDLE_TORCH)
  set_target_properties(${_lt_programs} PROPERTIES INSTALL_RPATH "$ORIGIN/../${LONGTAIL_PRIVATE_LIBDIR}")
else()
  # LibTorch's lib folder, by its real path (the checkout's .venv is a symlink into a per-user
  # cache); its libraries find the CUDA wheels through their own $ORIGIN RUNPATHs.
  get_target_property(_lt_torch_cpu_lib torch_cpu IMPORTED_LOCATION_RELEASE)
  if(NOT _lt_torch_cpu_lib)
    get_target_property(_lt_torch_cpu_lib torch_cpu IMPORTED_LOCATION)
  endif()
  get_filename_component(_lt_torch_lib_real "${_lt_torch_cpu_lib}" REALPATH)
  get_filename_component(_lt_torch_lib_real "${_lt_torch_lib_real}" DIRECTORY)
  set_target_properties(${_lt_programs} PROPERTIES INSTALL_RPATH "${_lt_torch_lib_real}")
endif()
install(TARGETS ${_lt_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT app)

# Man pages and bash completion, written by the freshly built CLI from its own option tables.
set(_lt_man_dir "${CMAKE_BINARY_DIR}/man")
add_custom_command(
  OUTPUT "${_lt_man_dir}/longtail.1" "${_lt_man_dir}/longtail.bash"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${_lt_man_dir}"
  COMMAND longtail man-pages --out "${_lt_man_dir}"
  DEPENDS longtail
  COMMENT "Writing the man pages of longtail from its options"
  VERBATIM)
add_custom_target(longtail_man_pages ALL DEPENDS "${_lt_man_dir}/longtail.1")
install(DIRECTORY "${_lt_man_dir}/" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT app
        FILES_MATCHING PATTERN "*.1")
install(FILES "${_lt_man_dir}/longtail.bash" DESTINATION share/bash-completion/completions
        RENAME longtail COMPONENT app)

# The desktop side.
if(TARGET longtail-lab)
  install(FILES packaging/longtail-lab.desktop DESTINATION share/applications COMPONENT app)
  install(FILES resources/longtail-lab.svg DESTINATION share/icons/hicolor/scalable/apps
          COMPONENT app)
  foreach(size 16 24 32 48 64 128 256 512)
    install(FILES packaging/icons/longtail-lab-${size}.png
            DESTINATION share/icons/hicolor/${size}x${size}/apps RENAME longtail-lab.png
            COMPONENT app)
  endforeach()
  install(FILES packaging/org.longtaillab.LongTailLab.metainfo.xml DESTINATION share/metainfo
          COMPONENT app)
  install(FILES packaging/longtail-lab.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT app)
  # The compiled translations also travel inside the binary (:/i18n); installed, other tools
  # and translators can find them.
  # (qt_add_lrelease writes LANG.qm beside the widgets' build files.)
  file(GLOB _lt_ts_files "${CMAKE_SOURCE_DIR}/translations/*.ts")
  foreach(ts IN LISTS _lt_ts_files)
    get_filename_component(_lt_qm "${ts}" NAME_WE)
    install(FILES "${CMAKE_BINARY_DIR}/widgets/${_lt_qm}.qm"
            DESTINATION share/longtail-lab/translations COMPONENT app)
  endforeach()
  # The metainfo's newest release should be this version.
  file(READ packaging/org.longtaillab.LongTailLab.metainfo.xml _lt_metainfo)
  string(REGEX MATCH "<release version=\"([^\"]+)\"" _lt_release "${_lt_metainfo}")
  if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
    message(WARNING "packaging/org.longtaillab.LongTailLab.metainfo.xml: the newest release is "
                    "'${CMAKE_MATCH_1}', the project is ${PROJECT_VERSION}; add a <release>")
  endif()
endif()

# The LibTorch runtime: the libraries the programs' NEEDED entries pull in, followed through
# every library's own NEEDED entries and RUNPATH (file(GET_RUNTIME_DEPENDENCIES) reads them, as
# ldd would), keeping only those that come from LibTorch, the CUDA wheels or the CUDA toolkit;
# Debian's libraries (Qt, OpenCV, SQLite, libc) become the package's Depends instead. Plus, in
# the `cuda` component, the libraries CUDA code opens by name at run time, which no NEEDED entry
# names: without them a GPU run fails in cuDNN or torch.linalg, a CPU run never loads them.
if(LONGTAIL_BUNDLE_TORCH)
  get_target_property(_lt_torch_cpu torch_cpu IMPORTED_LOCATION_RELEASE)
  if(NOT _lt_torch_cpu)
    get_target_property(_lt_torch_cpu torch_cpu IMPORTED_LOCATION)
  endif()
  get_filename_component(_lt_torch_lib "${_lt_torch_cpu}" DIRECTORY)  # .../torch/lib
  get_filename_component(_lt_wheels "${_lt_torch_lib}/../.." ABSOLUTE)  # site-packages
  # cuDNN's shim opens its engines; torch opens its linalg library (cuSOLVER) and NVRTC, which
  # opens its builtins.
  file(GLOB _lt_cudnn_engines "${_lt_wheels}/nvidia/cudnn/lib/libcudnn_*.so.*")
  file(GLOB _lt_nvrtc_builtins "${_lt_wheels}/nvidia/cu*/lib/libnvrtc-builtins.so.*")
  set(_lt_cuda_dlopened
      "${_lt_torch_lib}/libtorch_cuda_linalg.so" "${_lt_torch_lib}/libcaffe2_nvrtc.so"
      ${_lt_cudnn_engines} ${_lt_nvrtc_builtins})
  # The licences of what is bundled, beside the package's copyright file.
  install(FILES "${_lt_torch_lib}/../../torch-${Torch_VERSION}.dist-info/licenses/LICENSE"
          DESTINATION share/doc/longtail-lab RENAME LICENSE.libtorch COMPONENT app)
  install(FILES "${_lt_torch_lib}/../../torch-${Torch_VERSION}.dist-info/licenses/NOTICE"
          DESTINATION share/doc/longtail-lab RENAME NOTICE.libtorch COMPONENT app)
  file(GLOB _lt_nvidia_license "${_lt_wheels}/nvidia_cuda_runtime-*.dist-info/licenses/License.txt")
  install(FILES ${_lt_nvidia_license} DESTINATION share/doc/longtail-lab RENAME LICENSE.nvidia
          COMPONENT app)
  set(_lt_executables "$<TARGET_FILE:longtail>")
  if(TARGET longtail-lab)
    list(APPEND _lt_executables "$<TARGET_FILE:longtail-lab>")
  endif()
  file(GLOB _lt_wheel_dirs LIST_DIRECTORIES true "${_lt_wheels}/nvidia/*/lib")
  set(_lt_common "SEARCH;${_lt_torch_lib};${_lt_wheel_dirs};TRUST;${_lt_wheels};/usr/local/cuda")
  if(CMAKE_STRIP)
    list(APPEND _lt_common STRIP "${CMAKE_STRIP}")
  endif()
  install(CODE "
    include(\"${CMAKE_SOURCE_DIR}/cmake/BundleRuntime.cmake\")
    longtail_bundle_runtime(DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${LONGTAIL_PRIVATE_LIBDIR}\"
      ROOTS \"${_lt_executables}\" ${_lt_common})" COMPONENT app)
  install(CODE "
    include(\"${CMAKE_SOURCE_DIR}/cmake/BundleRuntime.cmake\")
    longtail_bundle_runtime(DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${LONGTAIL_PRIVATE_LIBDIR}\"
      ROOTS \"${_lt_cuda_dlopened}\" BESIDES \"${_lt_executables}\" ${_lt_common})" COMPONENT cuda)
endif()
