# LONGTAIL_CUDA_KERNELS: our own CUDA kernels (the fused augmentation, core/data/fused_view_cuda.cu),
# compiled by nvcc where it is found and LibTorch was built with CUDA. Without them every CUDA
# path falls back to torch's operations, so a machine without the CUDA toolkit builds the same
# program less one speed lever.
#
# Sets LONGTAIL_HAVE_CUDA_KERNELS. The architectures follow TORCH_CUDA_ARCH_LIST ("9.0" -> 90),
# as LibTorch's own build is asked to.
option(LONGTAIL_CUDA_KERNELS "Compile the CUDA kernels where nvcc and a CUDA LibTorch are found" ON)
set(LONGTAIL_HAVE_CUDA_KERNELS OFF)
if(LONGTAIL_CUDA_KERNELS AND CAFFE2_USE_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT CMAKE_CUDA_ARCHITECTURES)
      set(_lt_arch_list "${TORCH_CUDA_ARCH_LIST}")
      if(DEFINED ENV{TORCH_CUDA_ARCH_LIST})
        set(_lt_arch_list "$ENV{TORCH_CUDA_ARCH_LIST}")
      endif()
      string(REPLACE "+PTX" "" _lt_arch_list "${_lt_arch_list}")
      string(REPLACE "." "" _lt_arch_list "${_lt_arch_list}")
      string(REPLACE " " ";" _lt_arch_list "${_lt_arch_list}")
      set(CMAKE_CUDA_ARCHITECTURES "${_lt_arch_list}")
    endif()
    # One CUDA runtime in the process: the very libcudart LibTorch loads (the CUDA wheel's, beside
    # torch in site-packages), not a static copy nor the toolkit's. A program that needs it
    # directly must find it where LibTorch does: the build tree's RUNPATH names its folder, the
    # package bundles it (cmake/BundleRuntime.cmake), scripts/device-env.sh adds it on the GPU
    # machine.
    set(CMAKE_CUDA_RUNTIME_LIBRARY None)
    enable_language(CUDA)
    execute_process(COMMAND "${LONGTAIL_PYTHON}" -c
                    "import os, torch; print(os.path.dirname(os.path.dirname(torch.__file__)))"
                    OUTPUT_VARIABLE _lt_site_packages OUTPUT_STRIP_TRAILING_WHITESPACE)
    file(GLOB LONGTAIL_CUDART "${_lt_site_packages}/nvidia/cu*/lib/libcudart.so.*"
                              "${_lt_site_packages}/nvidia/cuda_runtime/lib/libcudart.so.*")
    if(LONGTAIL_CUDART)
      list(GET LONGTAIL_CUDART 0 LONGTAIL_CUDART)
    else()
      find_package(CUDAToolkit REQUIRED)
      set(LONGTAIL_CUDART CUDA::cudart)
    endif()
    set(LONGTAIL_HAVE_CUDA_KERNELS ON)
    message(STATUS "CUDA kernels: on (nvcc ${CMAKE_CUDA_COMPILER_VERSION}, sm ${CMAKE_CUDA_ARCHITECTURES}, ${LONGTAIL_CUDART})")
  else()
    message(STATUS "CUDA kernels: off (no nvcc found); CUDA runs use torch's operations")
  endif()
endif()
