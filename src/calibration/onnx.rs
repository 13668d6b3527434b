//! The ReLU classifier of a calibration witness, read from ONNX with the models' reader
//! ([`crate::models::network`]): calibration and equivalence share one protobuf decoder
//! and one network type.

pub use crate::models::network::{Layer, Network};
use crate::models::{network, onnx};

/// Reads a network from the bytes of an `.onnx` file; the error says what is unsupported
/// or malformed, naming the operator and node.
pub fn read_network(bytes: &[u8]) -> Result<Network, String> {
    let graph = onnx::read_graph(bytes).map_err(|problem| problem.message().to_string())?;
    network::read(&graph)
        .map(|model| model.network)
        .map_err(|problem| problem.message().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(number: u64, wire: u64) -> u8 {
        (number << 3 | wire) as u8
    }

    fn bytes_field(number: u64, content: &[u8]) -> Vec<u8> {
        let mut out = vec![key(number, 2), content.len() as u8];
        out.extend_from_slice(content);
        out
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(read_network(&[]).is_err());
        assert!(read_network(&[0x3a, 0xff]).is_err());
        assert!(read_network(&[0xff; 12]).is_err());
        // A graph with an unsupported node.
        let node = [
            bytes_field(1, b"x"),
            bytes_field(2, b"y"),
            bytes_field(4, b"Conv"),
        ]
        .concat();
        let input = bytes_field(1, b"x");
        let graph = [bytes_field(1, &node), bytes_field(11, &input)].concat();
        let model = bytes_field(7, &graph);
        let error = read_network(&model).unwrap_err();
        assert!(error.contains("Conv"), "{error}");
    }
}
