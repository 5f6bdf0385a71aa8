# Cross build for 32-bit Raspberry Pi OS / Debian armhf (board/cross).
set(CMAKE_SYSTEM_PROCESSOR arm)
set(MINGBAI_TRIPLE arm-linux-gnueabihf)
set(MINGBAI_QEMU qemu-arm)
# 64-bit file offsets: 32-bit readdir() fails with EOVERFLOW on the 64-bit
# directory offsets of ext4 and overlayfs (and of the hosts that test it).
set(CMAKE_C_FLAGS_INIT "-D_FILE_OFFSET_BITS=64")
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-common.cmake)
