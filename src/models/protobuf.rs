//! A minimal decoder of the protobuf wire format, enough to read the ONNX messages reqc
//! needs without generated code or a build-time `protoc`.
//!
//! A message is a sequence of fields; each field is a key (field number and wire type)
//! followed by a varint, a fixed 32- or 64-bit value, or a length-delimited byte string.
//! Submessages, strings and packed repeated numbers are length-delimited. Every read is
//! bounds-checked, so truncated or corrupt input gives an error, never a panic.

/// The value of one field as it appears on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wire<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// One field of a message: its number and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub number: u64,
    pub value: Wire<'a>,
}

/// Why bytes are not a protobuf message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError(pub String);

/// Reads a varint at `position`, advancing it.
fn varint(bytes: &[u8], position: &mut usize) -> Result<u64, WireError> {
    let mut value: u64 = 0;
    for shift in (0..64).step_by(7) {
        let Some(&byte) = bytes.get(*position) else {
            return Err(WireError(format!(
                "the data ends inside a number at byte {position}"
            )));
        };
        *position += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(WireError(format!(
        "a number longer than ten bytes ends at byte {position}"
    )))
}

/// Splits a message into its fields, in the order they appear.
pub fn fields(bytes: &[u8]) -> Result<Vec<Field<'_>>, WireError> {
    let mut position = 0;
    let mut found = Vec::new();
    while position < bytes.len() {
        let start = position;
        let key = varint(bytes, &mut position)?;
        let number = key >> 3;
        if number == 0 {
            return Err(WireError(format!("field number 0 at byte {start}")));
        }
        let value = match key & 7 {
            0 => Wire::Varint(varint(bytes, &mut position)?),
            1 => {
                let end = position + 8;
                let chunk = bytes.get(position..end).ok_or_else(|| {
                    WireError(format!("the data ends inside field {number} at byte {start}"))
                })?;
                position = end;
                Wire::Fixed64(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
            }
            2 => {
                let length = varint(bytes, &mut position)?;
                let end = usize::try_from(length)
                    .ok()
                    .and_then(|length| position.checked_add(length))
                    .filter(|end| *end <= bytes.len())
                    .ok_or_else(|| {
                        WireError(format!(
                            "field {number} at byte {start} claims {length} bytes, more than the data holds"
                        ))
                    })?;
                let chunk = &bytes[position..end];
                position = end;
                Wire::Bytes(chunk)
            }
            5 => {
                let end = position + 4;
                let chunk = bytes.get(position..end).ok_or_else(|| {
                    WireError(format!("the data ends inside field {number} at byte {start}"))
                })?;
                position = end;
                Wire::Fixed32(u32::from_le_bytes(chunk.try_into().expect("four bytes")))
            }
            other => {
                return Err(WireError(format!(
                    "field {number} at byte {start} has wire type {other}, which protobuf does not define (or a deprecated group)"
                )))
            }
        };
        found.push(Field { number, value });
    }
    Ok(found)
}

impl<'a> Field<'a> {
    /// The bytes of a string, submessage or packed field.
    pub fn bytes(&self) -> Result<&'a [u8], WireError> {
        match self.value {
            Wire::Bytes(bytes) => Ok(bytes),
            _ => Err(self.wrong("a length-delimited value")),
        }
    }

    pub fn string(&self) -> Result<String, WireError> {
        let bytes = self.bytes()?;
        String::from_utf8(bytes.to_vec())
            .map_err(|_| WireError(format!("field {} is not UTF-8 text", self.number)))
    }

    pub fn int64(&self) -> Result<i64, WireError> {
        match self.value {
            Wire::Varint(value) => Ok(value as i64),
            _ => Err(self.wrong("a varint")),
        }
    }

    pub fn float(&self) -> Result<f32, WireError> {
        match self.value {
            Wire::Fixed32(bits) => Ok(f32::from_bits(bits)),
            _ => Err(self.wrong("a 32-bit float")),
        }
    }

    /// The values of a repeated float field: one value, or a packed run of them.
    pub fn floats(&self, into: &mut Vec<f32>) -> Result<(), WireError> {
        match self.value {
            Wire::Fixed32(bits) => into.push(f32::from_bits(bits)),
            Wire::Bytes(bytes) if bytes.len() % 4 == 0 => into.extend(
                bytes
                    .chunks_exact(4)
                    .map(|chunk| f32::from_le_bytes(chunk.try_into().expect("four bytes"))),
            ),
            _ => return Err(self.wrong("32-bit floats")),
        }
        Ok(())
    }

    /// The values of a repeated double field.
    pub fn doubles(&self, into: &mut Vec<f64>) -> Result<(), WireError> {
        match self.value {
            Wire::Fixed64(bits) => into.push(f64::from_bits(bits)),
            Wire::Bytes(bytes) if bytes.len() % 8 == 0 => into.extend(
                bytes
                    .chunks_exact(8)
                    .map(|chunk| f64::from_le_bytes(chunk.try_into().expect("eight bytes"))),
            ),
            _ => return Err(self.wrong("64-bit floats")),
        }
        Ok(())
    }

    /// The values of a repeated integer field: one varint, or a packed run of them.
    pub fn int64s(&self, into: &mut Vec<i64>) -> Result<(), WireError> {
        match self.value {
            Wire::Varint(value) => into.push(value as i64),
            Wire::Bytes(bytes) => {
                let mut position = 0;
                while position < bytes.len() {
                    into.push(varint(bytes, &mut position)? as i64);
                }
            }
            _ => return Err(self.wrong("integers")),
        }
        Ok(())
    }

    fn wrong(&self, expected: &str) -> WireError {
        WireError(format!(
            "field {} should hold {expected}, but its wire type differs",
            self.number
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_every_wire_type_decode() {
        // Field 1 varint 150, field 2 string "ab", field 3 fixed32 1.5f, field 4 packed [1, 300].
        let mut bytes = vec![0x08, 0x96, 0x01, 0x12, 0x02, b'a', b'b', 0x1d];
        bytes.extend(1.5f32.to_le_bytes());
        bytes.extend([0x22, 0x03, 0x01, 0xac, 0x02]);
        let decoded = fields(&bytes).expect("valid message");
        assert_eq!(decoded.len(), 4);
        assert_eq!(decoded[0].int64(), Ok(150));
        assert_eq!(decoded[1].string().as_deref(), Ok("ab"));
        assert_eq!(decoded[2].float(), Ok(1.5));
        let mut numbers = Vec::new();
        decoded[3].int64s(&mut numbers).expect("packed integers");
        assert_eq!(numbers, vec![1, 300]);
    }

    #[test]
    fn truncated_and_corrupt_messages_are_errors() {
        assert!(fields(&[0x08]).is_err());
        assert!(fields(&[0x12, 0x05, b'a']).is_err());
        assert!(fields(&[0x0b]).is_err(), "wire type 3 (group) is rejected");
        assert!(fields(&[0x00, 0x01]).is_err(), "field number 0 is invalid");
        assert!(fields(&[0xff; 11]).is_err());
        assert!(fields(&[0x1d, 0x00]).is_err());
    }
}
