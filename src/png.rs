//! A minimal PNG writer for the diagrams reqc draws (reliability diagrams, disagreement
//! maps): 8-bit RGB pixels, image data in zlib stored (uncompressed) blocks, so no
//! compression library is needed and the bytes are deterministic.

/// CRC-32 (ISO-HDLC), as PNG chunks and zip archives use it: reflected polynomial
/// 0xEDB88320, eight bytes a step through eight tables (slicing by eight), so checking
/// large `.npz` members stays cheap.
pub fn crc32(bytes: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let mut tables = [[0u32; 256]; 8];
        for byte in 0..256u32 {
            let mut value = byte;
            for _ in 0..8 {
                value = if value & 1 != 0 {
                    0xEDB8_8320 ^ (value >> 1)
                } else {
                    value >> 1
                };
            }
            tables[0][byte as usize] = value;
        }
        for byte in 0..256 {
            for slice in 1..8 {
                let previous = tables[slice - 1][byte];
                tables[slice][byte] = (previous >> 8) ^ tables[0][(previous & 0xFF) as usize];
            }
        }
        tables
    });
    let mut crc = !0u32;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let low = crc ^ u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        crc = tables[7][(low & 0xFF) as usize]
            ^ tables[6][((low >> 8) & 0xFF) as usize]
            ^ tables[5][((low >> 16) & 0xFF) as usize]
            ^ tables[4][(low >> 24) as usize]
            ^ tables[3][chunk[4] as usize]
            ^ tables[2][chunk[5] as usize]
            ^ tables[1][chunk[6] as usize]
            ^ tables[0][chunk[7] as usize];
    }
    for &byte in chunks.remainder() {
        crc = (crc >> 8) ^ tables[0][((crc ^ u32::from(byte)) & 0xFF) as usize];
    }
    !crc
}

/// Adler-32, the zlib checksum.
pub fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before the sums could overflow.
    for chunk in bytes.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65_521;
        b %= 65_521;
    }
    (b << 16) | a
}

fn chunk(output: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    output.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = output.len();
    output.extend_from_slice(kind);
    output.extend_from_slice(data);
    let crc = crc32(&output[start..]);
    output.extend_from_slice(&crc.to_be_bytes());
}

/// An 8-bit RGB PNG of `width` x `height` pixels (`rgb` row by row, 3 bytes a pixel).
pub fn encode(width: usize, height: usize, rgb: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity((width * 3 + 1) * height);
    if width > 0 {
        for row in rgb.chunks_exact(width * 3).take(height) {
            raw.push(0); // filter: none
            raw.extend_from_slice(row);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    if blocks.is_empty() {
        // One empty final stored block, so the stream stays valid.
        zlib.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    for (index, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(index + 1 == blocks.len()));
        let length = block.len() as u16;
        zlib.extend_from_slice(&length.to_le_bytes());
        zlib.extend_from_slice(&(!length).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut output = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&(width as u32).to_be_bytes());
    header.extend_from_slice(&(height as u32).to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut output, b"IHDR", &header);
    chunk(&mut output, b"IDAT", &zlib);
    chunk(&mut output, b"IEND", &[]);
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_slices_agree_with_the_bitwise_definition() {
        // Lengths around the eight-byte slices, against the bit-by-bit definition.
        assert_eq!(crc32(b""), 0);
        let long: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        for length in [1, 7, 8, 9, 15, 16, 17, 999, 1000] {
            let mut bitwise = !0u32;
            for &byte in &long[..length] {
                bitwise ^= u32::from(byte);
                for _ in 0..8 {
                    bitwise = if bitwise & 1 != 0 {
                        0xEDB8_8320 ^ (bitwise >> 1)
                    } else {
                        bitwise >> 1
                    };
                }
            }
            assert_eq!(crc32(&long[..length]), !bitwise, "length {length}");
        }
    }

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn a_png_has_signature_header_data_and_end() {
        let bytes = encode(2, 1, &[255, 0, 0, 0, 255, 0]);
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        assert_eq!(&bytes[bytes.len() - 8..bytes.len() - 4], b"IEND");
        // The stored block holds the filter byte and both pixels as they are.
        let data = bytes
            .windows(4)
            .position(|window| window == b"IDAT")
            .expect("an IDAT chunk");
        assert_eq!(
            &bytes[data + 4 + 2 + 5..data + 4 + 2 + 5 + 7],
            &[0, 255, 0, 0, 0, 255, 0]
        );
    }
}
