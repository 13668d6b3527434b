//! Blocks of rows as column vectors: the rows' values read with whole-row vector loads and transposed in registers, for the kernels that work on several rows at once (the propositional kernels and the linear kernels' block test).

use super::CodegenError;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::types::{FloatType, VectorType};
use inkwell::values::{BasicValue, InstructionValue, IntValue, PointerValue, VectorValue};
use inkwell::{AddressSpace, IntPredicate};

type Emitted<T> = Result<T, CodegenError>;

/// Row-major rows of `columns` values of `element`, read and written a block at a time.
pub(super) struct RowBlocks<'a, 'ctx> {
    pub context: &'ctx Context,
    pub builder: &'a Builder<'ctx>,
    pub element: FloatType<'ctx>,
    /// The size of one value, the alignment of the vector loads and stores (rows start at
    /// any value).
    pub element_bytes: u32,
    pub columns: usize,
}

impl<'a, 'ctx> RowBlocks<'a, 'ctx> {
    fn vector(&self, lanes: u32) -> VectorType<'ctx> {
        self.element.vec_type(lanes)
    }

    fn value_at(
        &self,
        rows: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lane: u32,
        column: usize,
    ) -> Emitted<PointerValue<'ctx>> {
        let builder = self.builder;
        let row = builder.build_int_add(
            first,
            self.context.i64_type().const_int(lane as u64, false),
            "row",
        )?;
        let width = self
            .context
            .i64_type()
            .const_int(self.columns as u64, false);
        let start = builder.build_int_mul(row, width, "start")?;
        let index = builder.build_int_add(
            start,
            self.context.i64_type().const_int(column as u64, false),
            "index",
        )?;
        self.element(rows, index)
    }

    fn element(
        &self,
        rows: PointerValue<'ctx>,
        index: IntValue<'ctx>,
    ) -> Emitted<PointerValue<'ctx>> {
        // Safety: the caller passes `n_rows` rows of `columns` values; indices stay below
        // `n_rows * columns` (the loops below bound them).
        Ok(unsafe {
            self.builder
                .build_in_bounds_gep(rows, &[index], "element")?
        })
    }

    /// Where the transposed loads start in a row: whole vectors of `lanes` columns, the last
    /// one ending at the row's end (overlapping the one before it), so that no load reads
    /// outside its row. Empty when a row is narrower than a vector.
    fn chunk_starts(&self, lanes: u32) -> Vec<usize> {
        let (columns, lanes) = (self.columns, lanes as usize);
        if lanes == 1 || columns < lanes {
            return Vec::new();
        }
        let mut starts: Vec<usize> = (0..columns / lanes).map(|chunk| chunk * lanes).collect();
        if columns % lanes != 0 {
            starts.push(columns - lanes);
        }
        starts
    }

    /// Transposes `lanes` vectors of `lanes` values (a power of two) in `log2(lanes)` rounds
    /// of perfect shuffles: vector `i` of the result holds element `i` of every input.
    fn transpose(
        &self,
        vectors: Vec<VectorValue<'ctx>>,
        lanes: u32,
    ) -> Emitted<Vec<VectorValue<'ctx>>> {
        if lanes == 8 && self.element_bytes == 4 {
            return self.transpose_eight_floats(vectors);
        }
        let i32_type = self.context.i32_type();
        let half = lanes / 2;
        let interleave = |offset: u32| {
            let indices: Vec<_> = (0..half)
                .flat_map(|index| [offset + index, lanes + offset + index])
                .map(|index| i32_type.const_int(index as u64, false))
                .collect();
            VectorType::const_vector(&indices)
        };
        let (low, high) = (interleave(0), interleave(half));
        let mut vectors = vectors;
        for _ in 0..lanes.trailing_zeros() {
            let mut next = Vec::with_capacity(vectors.len());
            for index in 0..half as usize {
                let (left, right) = (vectors[index], vectors[index + half as usize]);
                next.push(self.builder.build_shuffle_vector(left, right, low, "low")?);
                next.push(
                    self.builder
                        .build_shuffle_vector(left, right, high, "high")?,
                );
            }
            vectors = next;
        }
        Ok(vectors)
    }

    /// `transpose` of eight vectors of eight f32 values, in the three rounds of the classic
    /// AVX transpose: interleaving pairs within each half, then quadruples within each half,
    /// then the halves. Only the last round crosses the vector's 128-bit halves, which the
    /// perfect shuffles do in every round (two thirds more cross-lane permutes).
    fn transpose_eight_floats(
        &self,
        vectors: Vec<VectorValue<'ctx>>,
    ) -> Emitted<Vec<VectorValue<'ctx>>> {
        let i32_type = self.context.i32_type();
        let mask = |indices: [u32; 8]| {
            let indices: Vec<_> = indices
                .iter()
                .map(|index| i32_type.const_int(u64::from(*index), false))
                .collect();
            VectorType::const_vector(&indices)
        };
        let shuffle = |left: VectorValue<'ctx>, right: VectorValue<'ctx>, indices: [u32; 8]| {
            self.builder
                .build_shuffle_vector(left, right, mask(indices), "transposed")
        };
        // Rows r0..r7 of columns c0..c7. Round one: within each half, the pairs of two rows
        // (`unpcklps`, `unpckhps`): [r0c0 r1c0 r0c1 r1c1 | r0c4 r1c4 r0c5 r1c5] and so on.
        let mut pairs = Vec::with_capacity(8);
        for pair in vectors.chunks(2) {
            pairs.push(shuffle(pair[0], pair[1], [0, 8, 1, 9, 4, 12, 5, 13])?);
            pairs.push(shuffle(pair[0], pair[1], [2, 10, 3, 11, 6, 14, 7, 15])?);
        }
        // Round two: within each half, four rows of one column (`shufps`): from the pairs
        // of rows 0-1 and 2-3, [r0c0 r1c0 r2c0 r3c0 | r0c4 r1c4 r2c4 r3c4] and so on.
        let mut quads = Vec::with_capacity(8);
        for (first, second) in [(0, 2), (1, 3), (4, 6), (5, 7)] {
            let (left, right) = (pairs[first], pairs[second]);
            quads.push(shuffle(left, right, [0, 1, 8, 9, 4, 5, 12, 13])?);
            quads.push(shuffle(left, right, [2, 3, 10, 11, 6, 7, 14, 15])?);
        }
        // `quads` holds columns (0|4), (1|5), (2|6), (3|7) of rows 0-3, then of rows 4-7.
        // Round three: the halves (`vperm2f128`), column k from quads k and 4 + k.
        let mut columns = vec![None; 8];
        for column in 0..4 {
            let (low, high) = (quads[column], quads[4 + column]);
            columns[column] = Some(shuffle(low, high, [0, 1, 2, 3, 8, 9, 10, 11])?);
            columns[column + 4] = Some(shuffle(low, high, [4, 5, 6, 7, 12, 13, 14, 15])?);
        }
        Ok(columns
            .into_iter()
            .map(|column| column.expect("every column transposed"))
            .collect())
    }

    /// The `lanes` values starting at `column` of row `first + lane`, as one vector load.
    fn row_vector(
        &self,
        rows: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lane: u32,
        column: usize,
        lanes: u32,
    ) -> Emitted<PointerValue<'ctx>> {
        let address = self.value_at(rows, first, lane, column)?;
        let pointer = self.vector(lanes).ptr_type(AddressSpace::default());
        Ok(self
            .builder
            .build_pointer_cast(address, pointer, "row_vector")?)
    }

    /// The values of rows `first..first + lanes`, a vector per column. Rows at least a vector
    /// wide are read with whole-vector loads and transposed in registers (a quarter of the
    /// shuffles of inserting every value on its own); narrower rows value by value.
    pub(super) fn load_columns(
        &self,
        rows: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lanes: u32,
    ) -> Emitted<Vec<VectorValue<'ctx>>> {
        let block = self.load_block(rows, first, lanes, &vec![true; self.columns])?;
        Ok(block
            .into_iter()
            .map(|value| value.expect("every column loaded"))
            .collect())
    }

    /// The columns marked `wanted` of rows `first..first + lanes`, a vector each (and every
    /// column of rows narrower than a vector); `None` for the others, whose chunks are not read.
    pub(super) fn load_block(
        &self,
        rows: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lanes: u32,
        wanted: &[bool],
    ) -> Emitted<Vec<Option<VectorValue<'ctx>>>> {
        let builder = self.builder;
        let columns = self.columns;
        let starts = self.chunk_starts(lanes);
        if starts.is_empty() {
            let i32_type = self.context.i32_type();
            let mut values = Vec::with_capacity(columns);
            for column in 0..columns {
                let mut vector = self.vector(lanes).get_undef();
                for lane in 0..lanes {
                    let value = builder
                        .build_load(self.value_at(rows, first, lane, column)?, "value")?
                        .into_float_value();
                    vector = builder.build_insert_element(
                        vector,
                        value,
                        i32_type.const_int(lane as u64, false),
                        "lane",
                    )?;
                }
                values.push(Some(vector));
            }
            return Ok(values);
        }
        let mut values: Vec<Option<VectorValue<'ctx>>> = vec![None; columns];
        for start in starts {
            if !wanted[start..start + lanes as usize].contains(&true) {
                continue;
            }
            let loaded = (0..lanes)
                .map(|lane| self.load_vector(self.row_vector(rows, first, lane, start, lanes)?))
                .collect::<Emitted<Vec<_>>>()?;
            for (offset, vector) in self.transpose(loaded, lanes)?.into_iter().enumerate() {
                // The last, overlapping chunk repeats columns already loaded: keep the first.
                values[start + offset].get_or_insert(vector);
            }
        }
        Ok(values)
    }

    /// Which lanes of a vector of values are finite: those whose bits without the sign are
    /// below those of infinity.
    pub(super) fn finite(&self, vector: VectorValue<'ctx>) -> Emitted<VectorValue<'ctx>> {
        let builder = self.builder;
        let lanes = vector.get_type().get_size();
        let (bits, sign_cleared, infinity) = if self.element_bytes == 4 {
            let infinity = u64::from(f32::INFINITY.to_bits());
            (self.context.i32_type(), u64::from(u32::MAX >> 1), infinity)
        } else {
            (
                self.context.i64_type(),
                u64::MAX >> 1,
                f64::INFINITY.to_bits(),
            )
        };
        let splat = |value: u64| {
            VectorType::const_vector(&vec![bits.const_int(value, false); lanes as usize])
        };
        let pattern = builder
            .build_bit_cast(vector, bits.vec_type(lanes), "bits")?
            .into_vector_value();
        let size = builder.build_and(pattern, splat(sign_cleared), "size")?;
        Ok(builder.build_int_compare(IntPredicate::ULT, size, splat(infinity), "finite")?)
    }

    /// The chunks of row `row` (`chunk_starts`), a whole-row vector load each: together every
    /// value of the row. Empty for rows narrower than a vector.
    pub(super) fn load_row_chunks(
        &self,
        rows: PointerValue<'ctx>,
        row: IntValue<'ctx>,
        lanes: u32,
    ) -> Emitted<Vec<VectorValue<'ctx>>> {
        self.chunk_starts(lanes)
            .into_iter()
            .map(|start| self.load_vector(self.row_vector(rows, row, 0, start, lanes)?))
            .collect()
    }

    /// Copies row `row` of `source` to the same row of `rows`: a whole-row vector load and
    /// store per chunk (`chunk_starts`, the loads `load_block` and `load_row_chunks` make
    /// again, which the stores then forward), value by value for rows narrower than a vector.
    pub(super) fn copy_row(
        &self,
        (source, rows): (PointerValue<'ctx>, PointerValue<'ctx>),
        row: IntValue<'ctx>,
        lanes: u32,
    ) -> Emitted<()> {
        let starts = self.chunk_starts(lanes);
        if starts.is_empty() {
            for column in 0..self.columns {
                let value = self
                    .builder
                    .build_load(self.value_at(source, row, 0, column)?, "copied")?;
                self.builder
                    .build_store(self.value_at(rows, row, 0, column)?, value)?;
            }
            return Ok(());
        }
        for start in starts {
            let vector = self.load_vector(self.row_vector(source, row, 0, start, lanes)?)?;
            let store = self
                .builder
                .build_store(self.row_vector(rows, row, 0, start, lanes)?, vector)?;
            self.align_to_float(store)?;
        }
        Ok(())
    }

    /// The vector at `address` (a `row_vector`), loaded.
    fn load_vector(&self, address: PointerValue<'ctx>) -> Emitted<VectorValue<'ctx>> {
        let load = self.builder.build_load(address, "row")?;
        self.align_to_float(load.as_instruction_value().expect("a load"))?;
        Ok(load.into_vector_value())
    }

    /// Stores the columns marked `written` of rows `first..first + lanes`: whole-vector stores
    /// of transposed chunks holding such a column (rewriting their other columns with the
    /// values loaded), or value by value for narrow rows and where that is fewer operations.
    pub(super) fn store_columns(
        &self,
        rows: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lanes: u32,
        values: &[VectorValue<'ctx>],
        written: &[bool],
    ) -> Emitted<()> {
        let builder = self.builder;
        let width = lanes as usize;
        let starts: Vec<usize> = self
            .chunk_starts(lanes)
            .into_iter()
            .filter(|start| written[*start..*start + width].contains(&true))
            .collect();
        // A chunk costs a store and about three shuffles per row, a column value by value an
        // extraction and a store per row: value by value where a row's few written columns
        // are spread over many chunks (the linear kernels on news write 6 of 59 columns).
        let written_columns = written.iter().filter(|written| **written).count();
        if written_columns <= 2 * starts.len() || self.chunk_starts(lanes).is_empty() {
            return self.store_lanes(rows, first, lanes, values, written);
        }
        for start in starts {
            let chunk = values[start..start + width].to_vec();
            for (lane, vector) in self.transpose(chunk, lanes)?.into_iter().enumerate() {
                let store = builder.build_store(
                    self.row_vector(rows, first, lane as u32, start, lanes)?,
                    vector,
                )?;
                self.align_to_float(store)?;
            }
        }
        Ok(())
    }

    /// Stores the columns marked `written` of rows `first..first + lanes` value by value,
    /// each lane of a column's vector into its row.
    fn store_lanes(
        &self,
        rows: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lanes: u32,
        values: &[VectorValue<'ctx>],
        written: &[bool],
    ) -> Emitted<()> {
        let builder = self.builder;
        let i32_type = self.context.i32_type();
        for (column, value) in values.iter().enumerate() {
            if !written[column] {
                continue;
            }
            for lane in 0..lanes {
                let element = builder
                    .build_extract_element(*value, i32_type.const_int(lane as u64, false), "out")?
                    .into_float_value();
                builder.build_store(self.value_at(rows, first, lane, column)?, element)?;
            }
        }
        Ok(())
    }

    /// Marks a whole-vector load or store as aligned only as one float is (rows start at
    /// any value).
    fn align_to_float(&self, access: InstructionValue<'ctx>) -> Emitted<()> {
        access
            .set_alignment(self.element_bytes)
            .map_err(|error| CodegenError::new(format!("cannot align a vector access: {error}")))
    }
}
