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
static inline int sl_key_mouse(void) { return KEY_MOUSE; }
// The mouse: the left button's press and the wheel (buttons 4 and 5).
static inline mmask_t sl_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
// The button masks, for the tests that build events.
static inline mmask_t sl_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t sl_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t sl_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t sl_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t sl_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline int sl_mouse_left(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int sl_mouse_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int sl_mouse_wheel_down(mmask_t m) {
#ifdef BUTTON5_PRESSED
    return (m & BUTTON5_PRESSED) != 0;
#else
    return 0;
#endif
}
static inline int sl_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sl_err(void) { return ERR; }
static inline int sl_ok(void) { return OK; }
static inline int sl_colors(void) { return COLORS; }
static inline int sl_color_pairs(void) { return COLOR_PAIRS; }
static inline int sl_lines(void) { return LINES; }
static inline int sl_cols(void) { return COLS; }
static inline WINDOW *sl_stdscr(void) { return stdscr; }
static inline WINDOW *sl_curscr(void) { return curscr; }
static inline int sl_key_f(int n) { return KEY_F(n); }
static inline int sl_key_btab(void) { return KEY_BTAB; }
static inline int sl_key_enter(void) { return KEY_ENTER; }
static inline int sl_key_backspace(void) { return KEY_BACKSPACE; }
static inline int sl_key_dc(void) { return KEY_DC; }
static inline int sl_key_ic(void) { return KEY_IC; }
static inline int sl_key_up(void) { return KEY_UP; }
static inline int sl_key_down(void) { return KEY_DOWN; }
static inline int sl_key_left(void) { return KEY_LEFT; }
static inline int sl_key_right(void) { return KEY_RIGHT; }
static inline int sl_key_home(void) { return KEY_HOME; }
static inline int sl_key_end(void) { return KEY_END; }
static inline int sl_key_ppage(void) { return KEY_PPAGE; }
static inline int sl_key_npage(void) { return KEY_NPAGE; }
static inline int sl_key_sr(void) { return KEY_SR; }
static inline int sl_key_sf(void) { return KEY_SF; }
// setcchar with an int colour pair, so pairs above 32767 (alloc_pair) work.
static inline int sl_setcchar(cchar_t *c, const wchar_t *w, attr_t a, int pair) {
    return setcchar(c, w, a, 0, &pair);
}
// tigetflag takes a char * in older headers; keep the cast in C.
static inline int sl_tigetflag(const char *name) { return tigetflag((char *)name); }
// A string capability, or NULL when the terminal lacks it.
static inline const char *sl_tigetstr(const char *name) {
    char *s = tigetstr((char *)name);
    return (s == NULL || s == (char *)-1) ? NULL : s;
}
// newterm on the process's own stdout/stdin (Swift 6 cannot touch the C globals).
static inline SCREEN *sl_newterm(const char *type) { return newterm(type, stdout, stdin); }
// Three names of <term.h>, declared rather than included: term.h defines
// macros such as `lines`, `columns` and `bell` that would break C below
// using those words.
struct term;
extern int setupterm(const char *, int, int *);
extern int del_curterm(struct term *);
extern struct term *cur_term;
// The terminfo entry `name` loaded without starting curses (for
// `scenelens doctor`): 1 when it exists; quiet either way. Free it with
// sl_release_term.
static inline int sl_setupterm(const char *name, int fd) {
    int err = 0;
    return setupterm(name, fd, &err) == OK ? 1 : 0;
}
static inline int sl_tigetnum(const char *name) { return tigetnum((char *)name); }
static inline void sl_release_term(void) { if (cur_term != NULL) del_curterm(cur_term); }
#endif
