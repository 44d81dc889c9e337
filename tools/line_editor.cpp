// The REPL's line input (tools/line_editor.h): the terminal in non-canonical mode for the
// duration of one line, redrawn after every key.
#include "tools/line_editor.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace wasm::cli {
namespace {

// The terminal without echo and line buffering while it lives; restored after.
class RawMode {
 public:
  RawMode() {
    ok_ = tcgetattr(STDIN_FILENO, &saved_) == 0;
    if (!ok_) return;
    termios raw = saved_;
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG);
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSADRAIN, &raw);  // keeps keys typed ahead
  }
  ~RawMode() {
    if (ok_) tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_);
  }
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;

 private:
  termios saved_{};
  bool ok_ = false;
};

std::optional<char> read_key() {
  char c;
  if (::read(STDIN_FILENO, &c, 1) != 1) return std::nullopt;
  return c;
}

void write_out(const std::string& s) {
  for (size_t done = 0; done < s.size();) {
    ssize_t n = ::write(STDOUT_FILENO, s.data() + done, s.size() - done);
    if (n <= 0) return;
    done += size_t(n);
  }
}

// The prompt and the line, with the cursor at `cursor`.
void redraw(const std::string& prompt, const std::string& line, size_t cursor) {
  std::string s = "\r" + prompt + line + "\x1b[K";
  if (cursor < line.size()) s += "\x1b[" + std::to_string(line.size() - cursor) + "D";
  write_out(s);
}

}  // namespace

LineEditor::LineEditor() : interactive_(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {}

void LineEditor::add_history(const std::string& line) {
  if (!line.empty() && (history_.empty() || history_.back() != line)) history_.push_back(line);
}

std::optional<std::string> LineEditor::read(const std::string& prompt) {
  if (interactive_) return read_edited(prompt);
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

std::optional<std::string> LineEditor::read_edited(const std::string& prompt) {
  std::fflush(stdout);
  RawMode raw;
  std::string line;
  size_t cursor = 0;
  size_t recalled = history_.size();  // history_.size(): the line being typed
  std::string typed;                  // that line, while a history entry is shown
  redraw(prompt, line, cursor);
  for (;;) {
    std::optional<char> key = read_key();
    if (!key) return std::nullopt;
    char c = *key;
    if (c == '\r' || c == '\n') {
      write_out("\r\n");
      return line;
    }
    if (c == 4) {  // Ctrl-D: end of input on an empty line, else delete under the cursor
      if (line.empty()) {
        write_out("\r\n");
        return std::nullopt;
      }
      if (cursor < line.size()) line.erase(cursor, 1);
    } else if (c == 3) {  // Ctrl-C: drop the line
      write_out("^C\r\n");
      line.clear();
      cursor = 0;
    } else if (c == 127 || c == 8) {  // backspace
      if (cursor > 0) line.erase(--cursor, 1);
    } else if (c == 1) {  // Ctrl-A
      cursor = 0;
    } else if (c == 5) {  // Ctrl-E
      cursor = line.size();
    } else if (c == 11) {  // Ctrl-K
      line.erase(cursor);
    } else if (c == 21) {  // Ctrl-U
      line.erase(0, cursor);
      cursor = 0;
    } else if (c == 27) {  // escape sequences: ESC [ A/B/C/D, ESC [ H/F, ESC [ 3 ~
      std::optional<char> a = read_key(), b = a ? read_key() : std::nullopt;
      if (!a || !b || (*a != '[' && *a != 'O')) continue;
      if (*b == 'D' && cursor > 0)
        --cursor;
      else if (*b == 'C' && cursor < line.size())
        ++cursor;
      else if (*b == 'H')
        cursor = 0;
      else if (*b == 'F')
        cursor = line.size();
      else if (*b == '3' && read_key() == '~' && cursor < line.size())
        line.erase(cursor, 1);
      else if ((*b == 'A' && recalled > 0) || (*b == 'B' && recalled < history_.size())) {
        if (recalled == history_.size()) typed = line;
        if (*b == 'A')
          --recalled;
        else
          ++recalled;
        line = recalled == history_.size() ? typed : history_[recalled];
        cursor = line.size();
      }
    } else if (static_cast<unsigned char>(c) >= 32) {
      line.insert(cursor++, 1, c);
    }
    redraw(prompt, line, cursor);
  }
}

}  // namespace wasm::cli
