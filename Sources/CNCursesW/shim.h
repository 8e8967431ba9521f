#ifndef SCENELENS_CNCURSESW_SHIM_H
#define SCENELENS_CNCURSESW_SHIM_H
// The wide-character API (add_wch, setcchar, get_wch) is only declared with this.
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncurses.h>

// Macros Swift cannot import, as functions.
static inline attr_t sl_a_normal(void) { return A_NORMAL; }
static inline attr_t sl_a_bold(void) { return A_BOLD; }
static inline attr_t sl_a_dim(void) { return A_DIM; }
static inline attr_t sl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sl_a_reverse(void) { return A_REVERSE; }
static inline attr_t sl_a_italic(void) { return A_ITALIC; }
static inline attr_t sl_a_standout(void) { return A_STANDOUT; }
static inline int sl_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sl_key_resize(void) { return KEY_RESIZE; }
static inline int sl_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sl_err(void) { return ERR; }
static inline int sl_ok(void) { return OK; }
static inline int sl_colors(void) { return COLORS; }
static inline int sl_color_pairs(void) { return COLOR_PAIRS; }
static inline int sl_lines(void) { return LINES; }
static inline int sl_cols(void) { return COLS; }
static inline WINDOW *sl_stdscr(void) { return stdscr; }
#endif
