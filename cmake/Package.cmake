# Debian packages of the install rules (cmake/Install.cmake), made by CPack's DEB generator;
# packaging/build-deb.sh runs it and then the test labelled `package`.
#
#   longtail-lab       the programs, their pages, desktop files, and the LibTorch runtime they
#                      load at start-up under /usr/lib/longtail-lab. Depends (dpkg-shlibdeps):
#                      Debian 12's Qt 6, OpenCV, SQLite, zlib, libc.
#   longtail-lab-cuda  the CUDA libraries only a GPU run opens (cuDNN's engines, cuSOLVER,
#                      NVRTC); recommended, so a CPU-only machine can leave it out.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME longtail-lab)
set(CPACK_PACKAGE_VENDOR "The LongTail Lab developers")
set(CPACK_PACKAGE_CONTACT "The LongTail Lab developers <longtail-lab@users.noreply.github.com>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # our two programs; the bundled libraries come stripped already
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL app)
if(LONGTAIL_BUNDLE_TORCH)
  list(APPEND CPACK_COMPONENTS_ALL cuda)
endif()
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_SOURCE_DIR}/packaging/CompressDocs.cmake")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # name_version_arch.deb
set(CPACK_DEBIAN_COMPRESSION_TYPE zstd)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)

set(CPACK_DEBIAN_APP_PACKAGE_NAME longtail-lab)
set(CPACK_DEBIAN_APP_PACKAGE_SHLIBDEPS ON)
# The bundled libraries satisfy each other; dpkg-shlibdeps looks there before the system.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "usr/${LONGTAIL_PRIVATE_LIBDIR}")
# The embedded data sets that `longtail quick`, `table1` and the workbench's presets read.
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "dataset-fashion-mnist, opencv-doc")
set(CPACK_COMPONENT_APP_DESCRIPTION
    "workbench: does self-supervision protect a representation from class imbalance?
LongTail Lab designs long-tailed variants of a data set and their balanced
twins, pre-trains supervised and self-supervised encoders (SimSiam, SimCLR,
MoCo v2) on them, and measures the relative gap with linear probes, after
Liu et al., ICLR 2022. It offers SAM and reweighted SAM, sweeps, the paper's
toy model and Grad-CAM, in a Qt 6 desktop workbench (longtail-lab) and on the
command line (longtail).
.
The package carries the LibTorch runtime (PyTorch 2.11, a CUDA 13.0 build) in
/usr/lib/longtail-lab; it runs on a CPU without a GPU.")

if(LONGTAIL_BUNDLE_TORCH)
  set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS
      "${CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS}, longtail-lab-cuda (= ${PROJECT_VERSION}-1)")
  set(CPACK_DEBIAN_CUDA_PACKAGE_NAME longtail-lab-cuda)
  set(CPACK_DEBIAN_CUDA_PACKAGE_ARCHITECTURE amd64)
  # Its libraries need those of longtail-lab (not visible to dpkg-shlibdeps from this package's
  # tree) and the C and C++ runtime: named by hand.
  set(CPACK_DEBIAN_CUDA_PACKAGE_SHLIBDEPS OFF)
  set(CPACK_DEBIAN_CUDA_PACKAGE_DEPENDS
      "longtail-lab (= ${PROJECT_VERSION}-1), libc6 (>= 2.28), libgcc-s1, libstdc++6")
  set(CPACK_COMPONENT_CUDA_DESCRIPTION
      "CUDA libraries of LongTail Lab that only a GPU run loads
The libraries that LibTorch and cuDNN open by name when a run uses an NVIDIA
GPU: cuDNN's engines, cuSOLVER (torch.linalg on the GPU) and NVRTC, in
/usr/lib/longtail-lab. A machine without an NVIDIA GPU does not need them.")
endif()

# Each package's /usr/share/doc: copyright and a Debian changelog (gzip -n: reproducible).
set(_lt_doc "${CMAKE_BINARY_DIR}/packaging/doc")
file(MAKE_DIRECTORY "${_lt_doc}")
add_custom_command(
  OUTPUT "${_lt_doc}/changelog.Debian.gz"
  COMMAND sh -c "gzip -9nc '${CMAKE_SOURCE_DIR}/packaging/debian/changelog' > '${_lt_doc}/changelog.Debian.gz'"
  DEPENDS "${CMAKE_SOURCE_DIR}/packaging/debian/changelog"
  VERBATIM)
add_custom_target(longtail_package_doc ALL DEPENDS "${_lt_doc}/changelog.Debian.gz")
set(_lt_components app)
if(LONGTAIL_BUNDLE_TORCH)
  list(APPEND _lt_components cuda)
endif()
foreach(component IN LISTS _lt_components)
  string(TOUPPER "${component}" _lt_up)
  set(_lt_name "${CPACK_DEBIAN_${_lt_up}_PACKAGE_NAME}")
  install(FILES packaging/debian/copyright "${_lt_doc}/changelog.Debian.gz"
          DESTINATION share/doc/${_lt_name} COMPONENT ${component})
  # lintian's findings that stay, each with the reason (packaging/test-deb.sh fails on others).
  install(FILES packaging/lintian/${_lt_name} DESTINATION share/lintian/overrides
          COMPONENT ${component})
endforeach()

include(CPack)

# The test labelled `package` builds the packages, unpacks them into an empty root and runs the
# programs from there. It takes minutes and gigabytes, so it is registered only when asked for
# (packaging/build-deb.sh configures with -DLONGTAIL_PACKAGE_TEST=ON); README's test command
# and CI never see it.
option(LONGTAIL_PACKAGE_TEST "Register the test labelled package (packaging/build-deb.sh)" OFF)
if(LONGTAIL_PACKAGE_TEST)
  enable_testing()
  add_test(NAME package_deb_runs_from_an_empty_root
           COMMAND "${CMAKE_SOURCE_DIR}/packaging/test-deb.sh" "${CMAKE_BINARY_DIR}/packages")
  set_tests_properties(package_deb_runs_from_an_empty_root PROPERTIES LABELS package TIMEOUT 1800)
endif()
