/*
 * A stand-in for winspool's RAW printing calls, for tests on Linux only. OpenPrinterW accepts the
 * printer named in WINSPOOL_STANDIN_PRINTER; StartDocPrinterW (level 1) accepts only the RAW datatype;
 * WritePrinter passes the bytes through to the device path in WINSPOOL_STANDIN_PORT (a socat PTY with
 * the ESC/POS emulator on its other end), as the spooler's port monitor would. Strings are UTF-16.
 *
 * Built by the tests: gcc -shared -fPIC -o libwinspool-standin.so winspool-standin.c
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const uint16_t *pDocName;
  const uint16_t *pOutputFile;
  const uint16_t *pDatatype;
} DOC_INFO_1W;

typedef struct {
  int fd;
  int in_doc;
} printer_t;

static int equals_ascii(const uint16_t *wide, const char *ascii) {
  if (!wide || !ascii) return 0;
  while (*ascii) {
    if (*wide != (uint16_t)(unsigned char)*ascii) return 0;
    wide++;
    ascii++;
  }
  return *wide == 0;
}

int OpenPrinterW(const uint16_t *name, void **handle, void *defaults) {
  (void)defaults;
  const char *wanted = getenv("WINSPOOL_STANDIN_PRINTER");
  const char *port = getenv("WINSPOOL_STANDIN_PORT");
  if (!handle || !wanted || !port || !equals_ascii(name, wanted)) return 0;
  int fd = open(port, O_WRONLY | O_NOCTTY);
  if (fd < 0) return 0;
  printer_t *printer = calloc(1, sizeof *printer);
  if (!printer) {
    close(fd);
    return 0;
  }
  printer->fd = fd;
  *handle = printer;
  return 1;
}

uint32_t StartDocPrinterW(void *handle, uint32_t level, DOC_INFO_1W *info) {
  printer_t *printer = handle;
  if (!printer || level != 1 || !info || !equals_ascii(info->pDatatype, "RAW")) return 0;
  printer->in_doc = 1;
  return 7;
}

int StartPagePrinter(void *handle) { return handle != NULL; }

int WritePrinter(void *handle, const void *bytes, uint32_t count, uint32_t *written) {
  printer_t *printer = handle;
  if (!printer || !printer->in_doc) return 0;
  uint32_t done = 0;
  while (done < count) {
    ssize_t n = write(printer->fd, (const char *)bytes + done, count - done);
    if (n <= 0) break;
    done += (uint32_t)n;
  }
  if (written) *written = done;
  return done == count;
}

int EndPagePrinter(void *handle) { return handle != NULL; }

int EndDocPrinter(void *handle) {
  printer_t *printer = handle;
  if (!printer) return 0;
  printer->in_doc = 0;
  return 1;
}

int ClosePrinter(void *handle) {
  printer_t *printer = handle;
  if (!printer) return 0;
  close(printer->fd);
  free(printer);
  return 1;
}
