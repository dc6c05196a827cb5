// A compact binary form of a Corpus, for moving corpora between processes
// (pickle, Dask, multiprocessing) faster than canonical JSON allows. It is
// not a file format: canonical JSONL (docs/schema.md) stays the format to
// store and exchange articles; a binary blob is only promised to load into
// the newsdoc version that wrote it or a later one.
//
// ## Layout
// The header's integers are little-endian; every other integer is a varint
// (LEB128: seven bits a byte, low bits first, the high bit set on all but
// the last byte); a string is a varint byte length and its UTF-8 bytes.
//
//     header   magic "\x89NDCORP\n" (8 bytes), u32 version, u32 CRC-32 of
//              the payload (zlib's), u64 payload size
//     payload  article count, error count, n + n origins (the files the
//              articles were loaded from), the articles, the errors
//     article  id, url, source, title, language; u8 has_published and
//              published when 1; meta; origin index + 1 or 0, origin line;
//              n + n authors; n + n tags; the body; n + n paragraph byte
//              lengths (the paragraphs joined by "\n\n" make the body);
//              n + n entities (id, name, type, n + n aliases); n + n quotes
//              (start, end, u8 kind, speaker index + 1 or 0, u8
//              has_speaker_span and speaker start and end when 1, cue, u8
//              has_cue_span and cue start and end when 1, attribution
//              number, parent quote index + 1 or 0); n + n mentions (start,
//              end, entity index). Offsets are UTF-8 bytes into the body.
//     error    u8 kind (0 parse, 1 schema), path, line, column, offset,
//              pointer, reason, message
//     parts    last in the payload: for each part of the articles after the
//              first, u64 index of its first article and u64 payload offset
//              of that article; then u64 the number of those parts. A
//              payload over 16 MiB is cut into parts of at least 8 MiB (at
//              most 16), which a reader decodes on threads of their own.
//
// Version 3 had no part table. Version 2 wrote no origins and each paragraph's text instead of the body
// and lengths; version 1 also no cue spans, attributions and parents. Both
// still load. Code point offsets are not stored: loading counts them while
// it validates the spans, as it must for a blob it cannot trust.
//
// ## Validation
// from_binary trusts nothing in the blob. A wrong magic, version, size or
// checksum, or a record running past the end, is a ParseError; an article
// the CorpusBuilder would reject (a span outside the body or inside a UTF-8
// sequence, an unknown entity, text that is not UTF-8, meta that is not a
// JSON object) or whose paragraph lengths do not make its body is a
// SchemaError whose line is the 1-based article number. Meta is kept as the
// blob holds it (newsdoc writes it minified), not minified again.
//
// A corpus of version 3 on is read in place: its text stays in the buffer
// the blob was copied (or the file read) into, which the corpus keeps, and
// only the fixed-size records are built, so reopening a saved corpus costs
// about one pass over its bytes for each check (checksum, UTF-8, meta JSON).
// From 64 MiB, a file is read by two threads, and its parts are decoded and
// checked by as many threads as there are cores (at most 8; `threads`
// sets it), each run of parts into a Store of its own; errors still name
// the first bad article.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "newsdoc/article.hpp"

namespace newsdoc {

/// The version to_binary writes; from_binary reads it and every earlier one.
/// Version 2 added cue spans and attributions; version 3 origins and the
/// body whole; version 4 the part table.
inline constexpr std::uint32_t binary_version = 4;

/// The number of bytes to_binary(corpus) writes.
std::size_t binary_size(const Corpus& corpus);

/// Writes the binary form of `corpus` to `out`, which must hold exactly
/// binary_size(corpus) bytes (InvalidArgumentError otherwise). This lets a
/// caller write straight into a buffer it owns, such as a Python bytes.
void write_binary(const Corpus& corpus, char* out, std::size_t size);

/// The binary form of `corpus`: its articles and its skipped-record errors.
///
///     const std::string blob = newsdoc::to_binary(corpus);
///     const newsdoc::Corpus copy = newsdoc::from_binary(blob);  // copy[i] == corpus[i]
std::string to_binary(const Corpus& corpus);

/// The corpus in `blob`, in new storage of its own (one Store, or one per
/// run of parts of a large blob); nothing refers to `blob`
/// afterwards. `name` stands for the blob in error messages. A blob from
/// 64 MiB is decoded on `threads` threads (0: one per core), at most 8.
Corpus from_binary(std::string_view blob, const std::string& name = "<binary>", unsigned threads = 0);

/// The corpus in the binary corpus file at `path` (newsdoc::save writes
/// one), read with one read into the buffer the corpus keeps. IoError when
/// it cannot be read; otherwise as from_binary, naming `path`. From 64 MiB
/// the file is read by two threads, unless `threads` is 1.
Corpus read_binary_file(const std::string& path, unsigned threads = 0);

/// As read_binary_file, with the file mapped into memory instead of read:
/// the corpus's text stays in the page cache's pages (shared with every
/// other process that reads or maps the file, and never copied), and
/// reopening costs the checks alone. Every check of from_binary is made,
/// so a corrupted file is refused as it is when read.
///
/// ## Lifetime
/// The mapping lives as long as any article of the corpus (or of a corpus
/// sharing its storage: slices, selections). Until then the file must not
/// be truncated or rewritten in place: the kernel would take its pages
/// away, and the next read of the corpus's text would end the process
/// (SIGBUS). Replacing it (a new file renamed over it, as newsdoc::save
/// does) is safe: the mapping keeps the old file's bytes. A file that cannot
/// be mapped (a pipe, say) is read instead.
Corpus map_binary_file(const std::string& path, unsigned threads = 0);

}  // namespace newsdoc
