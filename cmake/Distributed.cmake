# Data-parallel training (core/distributed) is built on torch.distributed's C++ layer (c10d):
# TCPStore, ProcessGroupGloo and, with CUDA, ProcessGroupNCCL. Their code is in the torch wheel's
# libraries, and so are c10d's headers; but ProcessGroupGloo.hpp includes <gloo/...>, which the
# wheel does not ship: Debian 12's libgloo-dev provides it (headers only are used: the Gloo the
# wheel's libtorch_cpu carries is the one that runs, so libgloo.so is never linked).
#
# LONGTAIL_DISTRIBUTED: AUTO (on where both headers are found), ON (required) or OFF.
# Sets LONGTAIL_HAVE_DISTRIBUTED, and LONGTAIL_HAVE_NCCL where the LibTorch has CUDA and nccl.h
# is found (the CUDA toolkit's, or the nvidia-nccl wheel's beside torch).
set(LONGTAIL_DISTRIBUTED AUTO CACHE STRING
    "Data-parallel training over c10d (Gloo, NCCL): AUTO, ON or OFF")
set_property(CACHE LONGTAIL_DISTRIBUTED PROPERTY STRINGS AUTO ON OFF)

set(LONGTAIL_HAVE_DISTRIBUTED OFF)
set(LONGTAIL_HAVE_NCCL OFF)
if(NOT LONGTAIL_DISTRIBUTED STREQUAL "OFF")
  find_path(LONGTAIL_GLOO_INCLUDE_DIR gloo/algorithm.h DOC "Gloo's headers (libgloo-dev)")
  find_path(LONGTAIL_C10D_INCLUDE_DIR torch/csrc/distributed/c10d/ProcessGroupGloo.hpp
            HINTS ${TORCH_INCLUDE_DIRS} NO_DEFAULT_PATH DOC "c10d's headers (the torch wheel's)")
  if(LONGTAIL_GLOO_INCLUDE_DIR AND LONGTAIL_C10D_INCLUDE_DIR)
    set(LONGTAIL_HAVE_DISTRIBUTED ON)
    message(STATUS "Distributed training: on (c10d from ${LONGTAIL_C10D_INCLUDE_DIR}, "
                   "Gloo headers from ${LONGTAIL_GLOO_INCLUDE_DIR})")
  else()
    set(_lt_missing "")
    if(NOT LONGTAIL_GLOO_INCLUDE_DIR)
      string(APPEND _lt_missing " gloo/algorithm.h (apt-get install libgloo-dev, or "
                                "-DLONGTAIL_GLOO_INCLUDE_DIR=...)")
    endif()
    if(NOT LONGTAIL_C10D_INCLUDE_DIR)
      string(APPEND _lt_missing " c10d's ProcessGroupGloo.hpp in the LibTorch")
    endif()
    if(LONGTAIL_DISTRIBUTED STREQUAL "ON")
      message(FATAL_ERROR "LONGTAIL_DISTRIBUTED=ON but not found:${_lt_missing}")
    endif()
    message(STATUS "Distributed training: off (not found:${_lt_missing}); "
                   "`longtail train --nproc-per-node` will say so")
  endif()
endif()

if(LONGTAIL_HAVE_DISTRIBUTED AND CAFFE2_USE_CUDA)
  # The wheel's nvidia-nccl package sits beside torch: .../site-packages/nvidia/nccl/include.
  get_filename_component(_lt_site_packages "${Torch_DIR}/../../../.." ABSOLUTE)
  find_path(LONGTAIL_NCCL_INCLUDE_DIR nccl.h
            HINTS ${CUDAToolkit_INCLUDE_DIRS} "${_lt_site_packages}/nvidia/nccl/include"
            DOC "nccl.h, for ProcessGroupNCCL")
  if(LONGTAIL_NCCL_INCLUDE_DIR)
    set(LONGTAIL_HAVE_NCCL ON)
    message(STATUS "Distributed training on CUDA: NCCL (nccl.h from ${LONGTAIL_NCCL_INCLUDE_DIR})")
  else()
    message(STATUS "Distributed training on CUDA: nccl.h not found, CUDA runs use Gloo")
  endif()
endif()
