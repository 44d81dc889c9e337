// An append-only vector whose elements never move and which may be read while another thread
// appends: the container behind the type store and the interpreter's store, which several
// threads share (threads proposal).
//
// Elements live in segments of doubling size (16, 32, 64, ...); a fixed array of segment
// pointers replaces std::deque's reallocated block map, so `operator[]` needs no lock and no
// reallocation ever invalidates it. Appends take a mutex and publish the new size with release
// order; an index read from size() (acquire) or handed over by any other synchronisation refers
// to a fully constructed element. Nothing is removed before the container is destroyed.
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <utility>

namespace wasm {

template <typename T>
class StableVector {
  static constexpr unsigned kFirstLog = 4;  // the first segment holds 16 elements
  static constexpr unsigned kSegments = 64 - kFirstLog;

 public:
  StableVector() = default;
  StableVector(const StableVector&) = delete;
  StableVector& operator=(const StableVector&) = delete;
  ~StableVector() {
    size_t n = size_.load(std::memory_order_acquire);
    for (size_t i = 0; i < n; ++i) (*this)[i].~T();
    for (unsigned s = 0; s < kSegments; ++s)
      if (T* p = segments_[s].load(std::memory_order_relaxed))
        ::operator delete(p, std::align_val_t(alignof(T)));
  }

  size_t size() const { return size_.load(std::memory_order_acquire); }
  bool empty() const { return size() == 0; }

  T& operator[](size_t i) {
    auto [s, offset] = locate(i);
    return segments_[s].load(std::memory_order_acquire)[offset];
  }
  const T& operator[](size_t i) const {
    auto [s, offset] = locate(i);
    return segments_[s].load(std::memory_order_acquire)[offset];
  }
  T& back() { return (*this)[size() - 1]; }

  // Constructs a new last element; returns its index and the element. Thread-safe.
  template <typename... Args>
  std::pair<size_t, T&> emplace(Args&&... args) {
    std::lock_guard lock(append_);
    size_t i = size_.load(std::memory_order_relaxed);
    auto [s, offset] = locate(i);
    T* segment = segments_[s].load(std::memory_order_relaxed);
    if (segment == nullptr) {
      segment = static_cast<T*>(
          ::operator new(sizeof(T) * (size_t(1) << (s + kFirstLog)), std::align_val_t(alignof(T))));
      segments_[s].store(segment, std::memory_order_release);
    }
    T* element = new (segment + offset) T(std::forward<Args>(args)...);
    size_.store(i + 1, std::memory_order_release);
    return {i, *element};
  }
  // The same when only the element matters (thread-safe too; never pair it with size()).
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return emplace(std::forward<Args>(args)...).second;
  }
  void push_back(T value) { emplace(std::move(value)); }

 private:
  // Element i is in segment bit_width(i + 16) - 5, at i + 16 - 2^(segment + 4).
  static std::pair<unsigned, size_t> locate(size_t i) {
    size_t j = i + (size_t(1) << kFirstLog);
    unsigned s = unsigned(std::bit_width(j)) - kFirstLog - 1;
    return {s, j - (size_t(1) << (s + kFirstLog))};
  }

  std::array<std::atomic<T*>, kSegments> segments_{};
  std::atomic<size_t> size_{0};
  std::mutex append_;
};

}  // namespace wasm
