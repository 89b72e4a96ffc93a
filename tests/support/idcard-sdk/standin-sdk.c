/*
 * A stand-in for a reader vendor's SDK library, for tests only. It exports the two common SDK shapes
 * (termb: InitComm / Authenticate / Read_Content(_Path) / CloseComm; sdtapi: SDT_OpenPort /
 * SDT_StartFindIDCard / SDT_SelectIDCard / SDT_ReadBaseMsg / SDT_ClosePort) and implements them the way
 * the vendor libraries do: by speaking the GA/T 467 SAM protocol on a serial line, here to the
 * project's card emulator over a socat PTY. The port number is mapped to the path in the environment
 * variable IDCARD_STANDIN_DEVICE. WLT decoding is closed; the stand-in writes a 102 x 126 24-bit BMP
 * whose pixels are derived from the WLT bytes, so a test can tell the photo of one card from another.
 *
 * Built by the tests: gcc -shared -fPIC -O2 -o libtermb.so standin-sdk.c
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define TEXT_BYTES 256
#define WLT_BYTES 1024
#define BMP_WIDTH 102
#define BMP_HEIGHT 126

static int line_fd = -1;
static int authenticated = 0;

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int read_byte(unsigned char *out, long deadline) {
  for (;;) {
    long left = deadline - now_ms();
    if (left <= 0) return 0;
    struct pollfd pfd = {line_fd, POLLIN, 0};
    int ready = poll(&pfd, 1, (int)left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return 0;
    ssize_t n = read(line_fd, out, 1);
    if (n == 1) return 1;
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    return 0;
  }
}

/* Send CMD PARA, wait for the reply; returns SW3 (or -1) and copies up to max data bytes. */
static int exchange(unsigned char cmd, unsigned char para, unsigned char *data, int max, int *data_len,
                    int timeout_ms) {
  if (line_fd < 0) return -1;
  unsigned char frame[10] = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, cmd, para, 0};
  frame[9] = frame[5] ^ frame[6] ^ frame[7] ^ frame[8];
  tcflush(line_fd, TCIFLUSH);
  if (write(line_fd, frame, sizeof frame) != (ssize_t)sizeof frame) return -1;
  long deadline = now_ms() + timeout_ms;
  static const unsigned char preamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
  int matched = 0;
  unsigned char b;
  while (matched < 5) {
    if (!read_byte(&b, deadline)) return -1;
    if (b == preamble[matched]) matched++;
    else matched = (b == 0xAA) ? 1 : 0;
  }
  unsigned char len_bytes[2];
  if (!read_byte(&len_bytes[0], deadline) || !read_byte(&len_bytes[1], deadline)) return -1;
  int len = (len_bytes[0] << 8) | len_bytes[1];
  if (len < 4 || len > 4096) return -1;
  unsigned char *body = malloc(len);
  if (!body) return -1;
  unsigned char chk = len_bytes[0] ^ len_bytes[1];
  for (int i = 0; i < len; i++) {
    if (!read_byte(&body[i], deadline)) {
      free(body);
      return -1;
    }
    if (i < len - 1) chk ^= body[i];
  }
  if (chk != body[len - 1]) {
    free(body);
    return -1;
  }
  int sw3 = body[2];
  int n = len - 4;
  if (n > max) n = max;
  if (data && n > 0) memcpy(data, body + 3, n);
  if (data_len) *data_len = n;
  free(body);
  return sw3;
}

static int open_line(void) {
  const char *path = getenv("IDCARD_STANDIN_DEVICE");
  if (!path || !*path) return 0;
  int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return 0;
  struct termios tio;
  if (tcgetattr(fd, &tio) == 0) {
    cfmakeraw(&tio);
    cfsetispeed(&tio, B115200);
    cfsetospeed(&tio, B115200);
    tcsetattr(fd, TCSANOW, &tio);
  }
  line_fd = fd;
  authenticated = 0;
  return exchange(0x11, 0xFF, NULL, 0, NULL, 800) == 0x90;
}

static void close_line(void) {
  if (line_fd >= 0) close(line_fd);
  line_fd = -1;
  authenticated = 0;
}

/* find + select, as the vendors' Authenticate does. */
static int find_and_select(unsigned char *select_data) {
  if (exchange(0x20, 0x01, NULL, 0, NULL, 800) != 0x9F) return 0;
  int n = 0;
  return exchange(0x20, 0x02, select_data, 8, &n, 800) == 0x90;
}

/* text (256) + wlt (1024) from read base info; 1 on success. */
static int read_base(unsigned char *text, unsigned char *wlt) {
  unsigned char data[4 + TEXT_BYTES + WLT_BYTES];
  int n = 0;
  if (exchange(0x30, 0x01, data, sizeof data, &n, 3500) != 0x90) return 0;
  if (n < (int)sizeof data) return 0;
  memcpy(text, data + 4, TEXT_BYTES);
  memcpy(wlt, data + 4 + TEXT_BYTES, WLT_BYTES);
  return 1;
}

static void put_le32(unsigned char *p, unsigned int v) {
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = (v >> 24) & 0xFF;
}

static int write_file(const char *dir, const char *name, const unsigned char *bytes, size_t length) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return 0;
  size_t written = fwrite(bytes, 1, length, f);
  fclose(f);
  return written == length;
}

static int write_bmp(const char *dir, const unsigned char *wlt) {
  int row = (BMP_WIDTH * 3 + 3) & ~3;
  size_t size = 54 + (size_t)row * BMP_HEIGHT;
  unsigned char *bmp = calloc(1, size);
  if (!bmp) return 0;
  bmp[0] = 'B';
  bmp[1] = 'M';
  put_le32(bmp + 2, (unsigned int)size);
  put_le32(bmp + 10, 54);
  put_le32(bmp + 14, 40);
  put_le32(bmp + 18, BMP_WIDTH);
  put_le32(bmp + 22, BMP_HEIGHT);
  bmp[26] = 1;
  bmp[28] = 24;
  put_le32(bmp + 34, (unsigned int)(row * BMP_HEIGHT));
  for (int y = 0; y < BMP_HEIGHT; y++)
    for (int x = 0; x < BMP_WIDTH; x++) {
      unsigned char v = wlt[(y * BMP_WIDTH + x) % WLT_BYTES];
      unsigned char *px = bmp + 54 + (size_t)y * row + x * 3;
      px[0] = v;
      px[1] = (unsigned char)(v ^ 0x55);
      px[2] = (unsigned char)(255 - v);
    }
  int ok = write_file(dir, "zp.bmp", bmp, size);
  free(bmp);
  return ok;
}

/* ---- termb shape: 1 = success ---- */
int InitComm(int port) {
  (void)port;
  close_line();
  return open_line() ? 1 : 0;
}

int CloseComm(void) {
  close_line();
  return 1;
}

int Authenticate(void) {
  unsigned char select_data[8];
  authenticated = find_and_select(select_data);
  return authenticated ? 1 : 0;
}

int Read_Content_Path(const char *dir, int active) {
  (void)active;
  if (!authenticated) return 0;
  authenticated = 0;
  unsigned char text[TEXT_BYTES], wlt[WLT_BYTES];
  if (!read_base(text, wlt)) return 0;
  if (!write_file(dir, "wz.txt", text, TEXT_BYTES) || !write_file(dir, "xp.wlt", wlt, WLT_BYTES)) return 0;
  return write_bmp(dir, wlt) ? 1 : 0;
}

int Read_Content(int active) { return Read_Content_Path(".", active); }

/* ---- sdtapi shape: 0x90 = success, 0x9F = card found ---- */
int SDT_OpenPort(int port) {
  (void)port;
  close_line();
  return open_line() ? 0x90 : 0x01;
}

int SDT_ClosePort(int port) {
  (void)port;
  close_line();
  return 0x90;
}

int SDT_StartFindIDCard(int port, unsigned char *mana_info, int if_open) {
  (void)port;
  (void)if_open;
  int sw3 = exchange(0x20, 0x01, mana_info, 4, NULL, 800);
  return sw3 < 0 ? 0x01 : sw3;
}

int SDT_SelectIDCard(int port, unsigned char *mana_msg, int if_open) {
  (void)port;
  (void)if_open;
  int sw3 = exchange(0x20, 0x02, mana_msg, 8, NULL, 800);
  return sw3 < 0 ? 0x01 : sw3;
}

int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_len, unsigned char *wlt,
                    unsigned int *wlt_len, int if_open) {
  (void)port;
  (void)if_open;
  if (!read_base(text, wlt)) return 0x41;
  *text_len = TEXT_BYTES;
  *wlt_len = WLT_BYTES;
  return 0x90;
}
