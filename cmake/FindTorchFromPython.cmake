# Finds LibTorch. Without Torch_DIR or CMAKE_PREFIX_PATH, asks a Python whose torch carries it:
# LONGTAIL_PYTHON if set, else the checkout's .venv (made by scripts/install-deps.sh), else
# python3 (the GPU machine's).
# The same Python runs the checks that compare us with PyTorch (tests/python).
if(NOT LONGTAIL_PYTHON)
  if(EXISTS "${CMAKE_SOURCE_DIR}/.venv/bin/python")
    set(LONGTAIL_PYTHON "${CMAKE_SOURCE_DIR}/.venv/bin/python" CACHE FILEPATH "Python with torch")
  else()
    find_program(LONGTAIL_PYTHON python3)
  endif()
endif()
if(NOT Torch_DIR AND NOT CMAKE_PREFIX_PATH)
  execute_process(
    COMMAND "${LONGTAIL_PYTHON}" -c "import torch; print(torch.utils.cmake_prefix_path)"
    OUTPUT_VARIABLE _torch_prefix OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_VARIABLE _torch_error RESULT_VARIABLE _torch_result)
  if(NOT _torch_result EQUAL 0)
    message(FATAL_ERROR "LibTorch not found: ${LONGTAIL_PYTHON} cannot import torch "
                        "(${_torch_error}). Run scripts/install-deps.sh, or pass -DTorch_DIR=...")
  endif()
  list(APPEND CMAKE_PREFIX_PATH "${_torch_prefix}")
endif()

# The CUDA build of LibTorch wants to know which GPUs to build for; no GPU is asked here.
if(NOT DEFINED ENV{TORCH_CUDA_ARCH_LIST} AND NOT TORCH_CUDA_ARCH_LIST)
  set(TORCH_CUDA_ARCH_LIST "9.0")
endif()
find_package(Torch REQUIRED)
message(STATUS "LibTorch ${Torch_VERSION} from ${Torch_DIR}")

# The wheel's libtorch.so is a stub that carries its own copies of newer libstdc++ symbols
# (std::filesystem, tzdb, ...), and those crash when called (std::filesystem::remove_all jumps to
# address 0). Naming libstdc++ first among each binary's needed libraries makes the dynamic
# linker resolve those symbols to the system's libstdc++.
add_link_options("LINKER:--push-state,--no-as-needed" "-lstdc++" "LINKER:--pop-state")
