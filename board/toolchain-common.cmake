# Shared by toolchain-aarch64.cmake and toolchain-armhf.cmake: Debian's
# cross compiler for MINGBAI_TRIPLE against a sysroot of Debian's -dev
# packages (board/cross sysroot ARCH), named by the cache variable or the
# environment variable MINGBAI_SYSROOT. Tests run under qemu-user with the
# sysroot as its library prefix.
set(CMAKE_SYSTEM_NAME Linux)
if(NOT MINGBAI_SYSROOT)
  set(MINGBAI_SYSROOT "$ENV{MINGBAI_SYSROOT}")
endif()
if(NOT MINGBAI_SYSROOT OR NOT EXISTS "${MINGBAI_SYSROOT}/usr/lib/${MINGBAI_TRIPLE}")
  message(FATAL_ERROR "MINGBAI_SYSROOT (${MINGBAI_SYSROOT}) is not a ${MINGBAI_TRIPLE} sysroot: "
                      "make one with board/cross sysroot ARCH")
endif()
# try_compile re-reads this file: pass the sysroot on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MINGBAI_SYSROOT MINGBAI_TRIPLE MINGBAI_QEMU)
set(ENV{MINGBAI_SYSROOT} "${MINGBAI_SYSROOT}")

set(CMAKE_C_COMPILER ${MINGBAI_TRIPLE}-gcc)
set(CMAKE_SYSROOT "${MINGBAI_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${MINGBAI_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# The libraries' own dependencies, for the linker (an extract sysroot has no
# ld.so.conf).
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "-Wl,-rpath-link,${MINGBAI_SYSROOT}/usr/lib/${MINGBAI_TRIPLE} -Wl,-rpath-link,${MINGBAI_SYSROOT}/lib/${MINGBAI_TRIPLE}")

# pkg-config reads the sysroot's .pc files only, and prefixes their paths.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${MINGBAI_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${MINGBAI_SYSROOT}/usr/lib/${MINGBAI_TRIPLE}/pkgconfig:${MINGBAI_SYSROOT}/usr/share/pkgconfig:${MINGBAI_SYSROOT}/usr/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# ctest runs the unit tests through qemu-user; the shell tests exec the
# binaries, which binfmt_misc hands to qemu (QEMU_LD_PREFIX set by board/cross).
set(CMAKE_CROSSCOMPILING_EMULATOR ${MINGBAI_QEMU} -L ${MINGBAI_SYSROOT})
