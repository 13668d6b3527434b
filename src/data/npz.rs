//! NumPy `.npz` archives (numpy.savez and numpy.savez_compressed): zip files of `.npy`
//! members, stored or deflated (through `miniz_oxide`), each checked against its CRC-32.
//!
//! An archive is read whole into memory (at most [`MAXIMUM_ARCHIVE_BYTES`]): deflated
//! members must be inflated before their rows can be read, and numpy writes the
//! directory that locates them at the end of the file.

use super::DataError;
use crate::world::World;
use std::path::Path;

/// The largest archive reqc reads, in bytes; larger prediction files stream as `.npy`.
pub const MAXIMUM_ARCHIVE_BYTES: u64 = 4 << 30;

/// The array of an archive read as rows: `probabilities` when the archive has one (the
/// layout calibration assertions use), else its only array.
pub fn rows_member(members: Vec<(String, Vec<u8>)>) -> Result<(String, Vec<u8>), DataError> {
    pick(members, "probabilities")
}

/// The array of an archive read as a vector: `labels` when the archive has one, else its
/// only array.
pub fn vector_member(members: Vec<(String, Vec<u8>)>) -> Result<(String, Vec<u8>), DataError> {
    pick(members, "labels")
}

/// The array `name` (member `name.npy`), if the archive holds it.
pub fn take(members: &mut Vec<(String, Vec<u8>)>, name: &str) -> Option<Vec<u8>> {
    let file = format!("{name}.npy");
    let index = members.iter().position(|(member, _)| *member == file)?;
    Some(members.remove(index).1)
}

fn pick(
    mut members: Vec<(String, Vec<u8>)>,
    preferred: &str,
) -> Result<(String, Vec<u8>), DataError> {
    if let Some(bytes) = take(&mut members, preferred) {
        return Ok((preferred.to_string(), bytes));
    }
    match members.len() {
        1 => {
            let (member, bytes) = members.remove(0);
            let name = member.strip_suffix(".npy").unwrap_or(&member).to_string();
            Ok((name, bytes))
        }
        0 => Err(DataError::new("the archive holds no arrays")),
        _ => {
            let names: Vec<String> = members
                .iter()
                .map(|(member, _)| format!("`{}`", member.strip_suffix(".npy").unwrap_or(member)))
                .collect();
            Err(DataError::new(format!(
                "the archive holds the arrays {} and none named `{preferred}`; reqc reads an archive's `{preferred}` array or its only one",
                names.join(", ")
            )))
        }
    }
}

/// The same problem, saying which array of the archive it is in.
pub fn in_member(mut error: DataError, name: &str) -> DataError {
    error.message = format!("array `{name}`: {}", error.message);
    error
}

fn u16_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        bytes.get(offset..offset + 2)?.try_into().ok()?,
    )))
}

fn u32_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        bytes.get(offset..offset + 4)?.try_into().ok()?,
    )))
}

fn u64_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        bytes.get(offset..offset + 8)?.try_into().ok()?,
    ))
}

/// The members of a `.npz` (zip) archive in `world`, by name; see [`members`].
pub fn read(world: &dyn World, path: &Path) -> Result<Vec<(String, Vec<u8>)>, DataError> {
    let bytes = world
        .read(path, MAXIMUM_ARCHIVE_BYTES)
        .map_err(|error| DataError::unreadable(path, error))?;
    members(&bytes).map_err(|error| error.in_file(path))
}

/// The members of a `.npz` archive held in memory, by name: stored ones (numpy.savez) as
/// they are, deflated ones (numpy.savez_compressed) inflated. Every member's length and
/// CRC-32 are checked against the central directory, so a corrupt or truncated archive
/// is an error, never wrong data.
pub fn members(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, DataError> {
    members_or_message(bytes).map_err(DataError::new)
}

fn members_or_message(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let malformed = || "not a valid .npz (zip) archive".to_string();
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let end = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&offset| bytes[offset..offset + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or_else(malformed)?;
    let entries = u16_at(bytes, end + 10).ok_or_else(malformed)?;
    let mut position = u32_at(bytes, end + 16).ok_or_else(malformed)? as usize;
    let mut members = Vec::new();
    for _ in 0..entries {
        if u32_at(bytes, position) != Some(0x0201_4b50) {
            return Err(malformed());
        }
        let method = u16_at(bytes, position + 10).ok_or_else(malformed)?;
        let crc = u32_at(bytes, position + 16).ok_or_else(malformed)? as u32;
        let mut compressed = u32_at(bytes, position + 20).ok_or_else(malformed)?;
        let mut uncompressed = u32_at(bytes, position + 24).ok_or_else(malformed)?;
        let name_length = u16_at(bytes, position + 28).ok_or_else(malformed)? as usize;
        let extra_length = u16_at(bytes, position + 30).ok_or_else(malformed)? as usize;
        let comment_length = u16_at(bytes, position + 32).ok_or_else(malformed)? as usize;
        let mut offset = u32_at(bytes, position + 42).ok_or_else(malformed)?;
        let name_bytes = bytes
            .get(position + 46..position + 46 + name_length)
            .ok_or_else(malformed)?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        // ZIP64: the extra field holds the 64-bit values that are 0xFFFFFFFF above, in order.
        let extra_start = position + 46 + name_length;
        let mut cursor = extra_start;
        while cursor + 4 <= extra_start + extra_length {
            let tag = u16_at(bytes, cursor).ok_or_else(malformed)?;
            let size = u16_at(bytes, cursor + 2).ok_or_else(malformed)? as usize;
            if tag == 1 {
                let mut field = cursor + 4;
                for value in [&mut uncompressed, &mut compressed, &mut offset] {
                    if *value == 0xFFFF_FFFF {
                        *value = u64_at(bytes, field).ok_or_else(malformed)?;
                        field += 8;
                    }
                }
            }
            cursor += 4 + size;
        }
        let local = usize::try_from(offset).map_err(|_| malformed())?;
        if u32_at(bytes, local) != Some(0x0403_4b50) {
            return Err(malformed());
        }
        let local_name = u16_at(bytes, local + 26).ok_or_else(malformed)? as usize;
        let local_extra = u16_at(bytes, local + 28).ok_or_else(malformed)? as usize;
        // The local header must name the same member as the central directory.
        if bytes.get(local + 30..local + 30 + local_name) != Some(name_bytes) {
            return Err(malformed());
        }
        let data_start = local + 30 + local_name + local_extra;
        let cut_short = || format!("the member `{name}` is cut short (a truncated archive)");
        let data = usize::try_from(compressed)
            .ok()
            .and_then(|length| bytes.get(data_start..data_start.checked_add(length)?))
            .ok_or_else(cut_short)?;
        let expected = usize::try_from(uncompressed).map_err(|_| malformed())?;
        let content = match method {
            0 => data.to_vec(),
            8 => inflate(data, expected).map_err(|problem| {
                format!("the compressed member `{name}` is corrupt ({problem})")
            })?,
            other => {
                return Err(format!(
                    "the member `{name}` uses zip compression method {other}; reqc reads stored \
                     (numpy.savez) and deflated (numpy.savez_compressed) members"
                ))
            }
        };
        if content.len() != expected {
            return Err(format!(
                "the member `{name}` holds {} bytes but the archive declares {expected}",
                content.len()
            ));
        }
        let actual_crc = crate::png::crc32(&content);
        if actual_crc != crc {
            return Err(format!(
                "the member `{name}` fails its CRC-32 check (stored {crc:08x}, computed \
                 {actual_crc:08x}): the archive is corrupt"
            ));
        }
        members.push((name, content));
        position += 46 + name_length + extra_length + comment_length;
    }
    Ok(members)
}

/// Inflates a raw deflate stream that must produce exactly `expected` bytes; a stream
/// that would produce more, or stops early, is an error.
fn inflate(data: &[u8], expected: usize) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::TINFLStatus;
    match miniz_oxide::inflate::decompress_to_vec_with_limit(data, expected) {
        Ok(content) => Ok(content),
        Err(error) => Err(match error.status {
            TINFLStatus::HasMoreOutput => {
                format!("it inflates to more than the {expected} bytes declared")
            }
            TINFLStatus::FailedCannotMakeProgress => "the deflate stream ends early".to_string(),
            _ => "invalid deflate data".to_string(),
        }),
    }
}
