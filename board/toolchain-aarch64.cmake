# Cross build for 64-bit Raspberry Pi OS / Debian arm64 (board/cross).
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(MINGBAI_TRIPLE aarch64-linux-gnu)
set(MINGBAI_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-common.cmake)
