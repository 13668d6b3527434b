/* The shield runtime: the row correction of specs/correction.md, driven by constant tables.
 *
 * `build.rs` compiles this file with clang-14 to LLVM bitcode, which `codegen::build` links
 * into every kernel module, JIT and library alike. The kernels keep only their fast test
 * (every literal an immediate); rows that fail it come here. The tables are written by
 * `codegen::tables` (layout below); the code follows `src/shield/correct.rs` and
 * `src/shield/exact.rs` operation for operation, so that its results equal the interpreter's
 * bit for bit. Where it cannot decide exactly what the interpreter decides with big
 * rationals (a literal without an integral form at a near-tie, or a product beyond 1e300),
 * the row is undecided and left as it was.
 *
 * Compiled with -ffp-contract=off and without fast-math: every rounding is the one written.
 * Freestanding: no libc beyond what LLVM lowers `fma` to (libm).
 *
 * Table layout. `integers` (int64):
 *   header [0..5): columns, level count, level records at, input clause count,
 *                  input clause records at
 *   level record (6): column, clause count, clause records at, mention count, mentions at,
 *                     the first level from this one on that the search visits
 *   clause record (6): lower count, lower at, upper count, upper at, residual count, residual at
 *                      (each "at" starts a list of literal record positions)
 *   literal record (9): term count n, strict (0 or 1), integral (0 or 1), reals at, columns at,
 *                       integral term count m, integral columns at, integral constant parts k,
 *                       difference (0 or 1: `a y_i - a y_j ⋈ 0`, its columns the two terms')
 * `reals` (double), per literal at its "reals at":
 *   constant, coefficients[n], integral constant parts[k], integral coefficients[m]
 * The integral form is the literal times the least common denominator of its numbers, each
 * integer written as up to four exact doubles (a column appears once per part).
 */

#include <stdint.h>

typedef int64_t i64;
typedef uint64_t u64;

enum { NO = 0, YES = 1, UNKNOWN = 2 };

enum {
    STATUS_UNCHANGED = 0,
    STATUS_IMPOSSIBLE = 2,
    STATUS_UNDECIDED = 3,
    STATUS_INEXACT = 5,
};

#define UNDECIDED_KEY INT64_MIN
#define NO_KEY (INT64_MIN + 1)
#define SEARCH_OK (-1)
#define SEARCH_UNDECIDED (-2)
/* Outcomes at and below this say the search's first failure, at level SEARCH_HOPELESS -
 * outcome, came with a certificate that the search cannot succeed (`hopeless`); the row
 * then holds the first descent's values. */
#define SEARCH_HOPELESS (-3)
/* As `shield::correct::SEARCH_CANDIDATES` and `SEARCH_BUDGET`. */
#define SEARCH_CANDIDATES 4
#define SEARCH_BUDGET 256
#define UNIT_ROUNDOFF (0x1p-53)
#define SMALLEST_SUBNORMAL (0x1p-1074)
#define LARGEST_FINITE (0x1.fffffffffffffp+1023)

typedef struct {
    const i64 *integers;
    const double *reals;
    int single; /* f32 rows (held as f64) */
    i64 maximum; /* key of the largest finite float of the format */
} Tables;

static double absolute(double value) { return __builtin_fabs(value); }
static int finite(double value) { return absolute(value) <= LARGEST_FINITE; }
static double fused(double a, double b, double c) { return __builtin_fma(a, b, c); }

/* The rounding error of `coefficient * value` by FMA, kept out of line: inlined into the
 * test below, clang evaluates it on both sides (an intrinsic may be speculated), and the
 * portable build calls libm for it on every term after all. */
__attribute__((noinline)) static double fused_rounding_error(
    double coefficient, double value, double product) {
    return fused(coefficient, value, -product);
}

/* The rounding error of `product`, the double nearest `coefficient * value`, for an integer
 * coefficient of a literal's integral form. On f32 rows it is zero below 2^29: the value has
 * 24 significant bits and the integer at most 29, so the product fits a double's 53 exactly
 * (subnormal f32 values too, far above the double's own subnormals). That skips the FMA,
 * which the runtime's portable build calls out of line in libm (a fifth of botnet's time). */
static double product_rounding_error(
    const Tables *tables, double coefficient, double value, double product) {
    if (tables->single && absolute(coefficient) <= 0x1p29) {
        return 0.0;
    }
    return fused_rounding_error(coefficient, value, product);
}

/* `count` smallest subnormals, for a small integer `count`: the same value as
 * `count * SMALLEST_SUBNORMAL`, built from its bits because a multiplication with a
 * subnormal result takes a microcode assist of a hundred cycles or more on x86. */
static double subnormals(double count) {
    u64 bits = (u64)count;
    double value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

/* --- keys: the order-preserving integers of floats (`shield::exact::key`) --- */

static i64 key_of(const Tables *tables, double value) {
    if (tables->single) {
        float narrow = (float)value;
        int32_t bits;
        __builtin_memcpy(&bits, &narrow, sizeof bits);
        return bits < 0 ? -(i64)(bits & INT32_MAX) : (i64)bits;
    }
    i64 bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits < 0 ? -(bits & INT64_MAX) : bits;
}

static double from_key(const Tables *tables, i64 key) {
    u64 magnitude = key < 0 ? (u64)0 - (u64)key : (u64)key;
    double value;
    if (tables->single) {
        uint32_t narrow_bits = (uint32_t)magnitude;
        float narrow;
        __builtin_memcpy(&narrow, &narrow_bits, sizeof narrow);
        value = (double)narrow;
    } else {
        __builtin_memcpy(&value, &magnitude, sizeof value);
    }
    return key < 0 ? -value : value;
}

/* --- exact arithmetic on floating-point expansions (Shewchuk) --- */

static void two_sum(double a, double b, double *sum, double *error) {
    double s = a + b;
    double virtual_b = s - a;
    double virtual_a = s - virtual_b;
    *sum = s;
    *error = (a - virtual_a) + (b - virtual_b);
}

/* GROW-EXPANSION with zero elimination, as `shield::exact::grow`. */
static void grow(double *expansion, i64 *length, double value) {
    /* Adding zero leaves the value as it is (products of f32 values are often exact). */
    if (value == 0.0) {
        return;
    }
    double carry = value;
    i64 kept = 0;
    for (i64 index = 0; index < *length; index++) {
        double sum, error;
        two_sum(carry, expansion[index], &sum, &error);
        carry = sum;
        if (error != 0.0) {
            expansion[kept++] = error;
        }
    }
    if (carry != 0.0) {
        expansion[kept++] = carry;
    }
    *length = kept;
}

/* The sign of an expansion: its largest (last nonzero) component decides. */
static int expansion_sign(const double *expansion, i64 length) {
    for (i64 index = length - 1; index >= 0; index--) {
        if (expansion[index] > 0.0) {
            return 1;
        }
        if (expansion[index] < 0.0) {
            return -1;
        }
    }
    return 0;
}

/* --- literals --- */

static const i64 *literal_record(const Tables *tables, i64 at) { return tables->integers + at; }

/* A literal's integral form: the literal times the common denominator of its numbers. */
typedef struct {
    i64 parts; /* terms, a column once per part of its coefficient */
    const i64 *columns;
    const double *coefficients;
    i64 constant_parts;
    const double *constant;
} Integral;

static Integral integral_form(const Tables *tables, const i64 *literal) {
    const double *constant = tables->reals + literal[3] + 1 + literal[0];
    return (Integral){
        .parts = literal[5],
        .columns = tables->integers + literal[6],
        .coefficients = constant + literal[7],
        .constant_parts = literal[7],
        .constant = constant,
    };
}

static void negate(double *values, i64 length) {
    for (i64 index = 0; index < length; index++) {
        values[index] = -values[index];
    }
}

static int holds_exactly(const Tables *tables, const i64 *literal, const double *row);

/* Whether a literal holds at `row`: YES, NO, or UNKNOWN when only big rationals could tell.
 * The interpreter's float test, then Dot2 and an expansion on the integral form. */
static inline int holds(const Tables *tables, i64 at, const double *row);

/* The interpreter's float test of a literal with its rigorous error bound: YES or NO when
 * it decides, UNKNOWN otherwise. */
static inline int float_test(const Tables *tables, const i64 *literal, const double *row) {
    i64 count = literal[0];
    const double *reals = tables->reals + literal[3];
    const i64 *columns = tables->integers + literal[4];
    const double *coefficients = reals + 1;
    double sum = -reals[0];
    double magnitude = absolute(reals[0]);
    for (i64 term = 0; term < count; term++) {
        double product = coefficients[term] * row[columns[term]];
        sum += product;
        magnitude += absolute(product);
    }
    double terms = (double)count + 2.0;
    double error = 4.0 * terms * UNIT_ROUNDOFF * magnitude + subnormals(terms);
    if (finite(sum) && finite(error)) {
        if (sum > error) {
            return YES;
        }
        if (sum < -error) {
            return NO;
        }
    }
    return UNKNOWN;
}

static inline int holds(const Tables *tables, i64 at, const double *row) {
    const i64 *literal = literal_record(tables, at);
    if (literal[8]) {
        /* A difference literal `a y_i - a y_j ⋈ 0` compares two values, and comparing two
         * finite floats is exact (`PreparedInequality::holds`). */
        const i64 *columns = tables->integers + literal[4];
        int positive = tables->reals[literal[3] + 1] > 0.0;
        double larger = row[columns[positive ? 0 : 1]];
        double smaller = row[columns[positive ? 1 : 0]];
        if (finite(larger) && finite(smaller)) {
            return (literal[1] ? larger > smaller : larger >= smaller) ? YES : NO;
        }
    }
    int answer = float_test(tables, literal, row);
    return answer == UNKNOWN ? holds_exactly(tables, literal, row) : answer;
}

/* The second and third tiers of `holds`, out of line so that the float test inlines into
 * its callers: Dot2, then the exact sign of an expansion, on the integral form. */
__attribute__((noinline)) static int holds_exactly(
    const Tables *tables, const i64 *literal, const double *row) {
    if (!literal[2]) {
        return UNKNOWN;
    }
    Integral form = integral_form(tables, literal);
    /* Dot2 (Ogita, Rump and Oishi) with its error bound decides all but near-ties. */
    double dot = 0.0;
    double correction = 0.0;
    double size = 0.0;
    /* Whether some rounding lost anything: without one, `dot` is the exact value. */
    int rounded = 0;
    for (i64 part = 0; part < form.constant_parts; part++) {
        double next, sum_error;
        two_sum(dot, -form.constant[part], &next, &sum_error);
        dot = next;
        correction += sum_error;
        rounded |= sum_error != 0.0;
        size += absolute(form.constant[part]);
    }
    for (i64 term = 0; term < form.parts; term++) {
        double value = row[form.columns[term]];
        double product = form.coefficients[term] * value;
        double product_error =
            product_rounding_error(tables, form.coefficients[term], value, product);
        double next, sum_error;
        two_sum(dot, product, &next, &sum_error);
        dot = next;
        correction += sum_error + product_error;
        /* A product beyond 1e300 leaves the row to the exact tier's overflow rule. */
        rounded |= (sum_error != 0.0) | (product_error != 0.0) | !(absolute(product) <= 1e300);
        size += absolute(product);
    }
    if (size <= LARGEST_FINITE) {
        /* Every sum and product exact (TwoSum and the FMA error term are exact without
         * overflow, and integer coefficients keep subnormal products' errors exact): the
         * sign of `dot` is the exact sign, which settles the ties at boundaries that a
         * corrected row sits on without building the expansion below. */
        if (!rounded) {
            return (literal[1] ? dot > 0.0 : dot >= 0.0) ? YES : NO;
        }
        double value = dot + correction;
        double products = (double)(form.parts + form.constant_parts);
        double gamma = products * UNIT_ROUNDOFF;
        double bound = 2.0 * UNIT_ROUNDOFF * absolute(value) + 4.0 * gamma * gamma * size
            + subnormals(4.0 * products);
        if (value > bound) {
            return YES;
        }
        if (value < -bound) {
            return NO;
        }
    }
    /* The exact sign. With integer coefficients the FMA error term is exact even for
     * subnormal products; only overflow needs guarding. */
    double expansion[2 * form.parts + form.constant_parts + 1];
    i64 length = 0;
    for (i64 part = 0; part < form.constant_parts; part++) {
        grow(expansion, &length, -form.constant[part]);
    }
    for (i64 term = 0; term < form.parts; term++) {
        double value = row[form.columns[term]];
        double product = form.coefficients[term] * value;
        if (!(absolute(product) <= 1e300)) {
            return UNKNOWN;
        }
        grow(expansion, &length, product);
        grow(expansion, &length,
            product_rounding_error(tables, form.coefficients[term], value, product));
    }
    int sign = expansion_sign(expansion, length);
    return (literal[1] ? sign > 0 : sign >= 0) ? YES : NO;
}

/* `shield::exact::PreparedInequality::estimated_bound`: a compensated f64 estimate of
 * where the literal's boundary lies in `column`. */
static double estimated_bound(const Tables *tables, i64 at, i64 column, const double *row) {
    const i64 *literal = literal_record(tables, at);
    i64 count = literal[0];
    const double *reals = tables->reals + literal[3];
    const i64 *columns = tables->integers + literal[4];
    const double *coefficients = reals + 1;
    double rest = reals[0];
    double correction = 0.0;
    double own = 0.0;
    for (i64 term = 0; term < count; term++) {
        if (columns[term] == column) {
            own = coefficients[term];
            continue;
        }
        double negated = -row[columns[term]];
        double product = coefficients[term] * negated;
        double product_error = fused(coefficients[term], negated, -product);
        double sum, sum_error;
        two_sum(rest, product, &sum, &sum_error);
        rest = sum;
        correction += sum_error + product_error;
    }
    return (rest + correction) / own;
}

/* A literal's real bound in a level's column, (C - sum of other terms) / own coefficient,
 * known approximately: |exact - approximate| <= radius (infinite when unknown). Computed by
 * `approximate_bound`, with rule 5 below. */
typedef struct {
    i64 at;
    double approximate;
    double radius;
} Bound;
static Bound approximate_bound(const Tables *tables, i64 at, i64 column, const double *row);

/* `boundary` from one compensated evaluation, for f32 rows: when no f32 lies in the bound's
 * rigorous bracket, the exact bound lies strictly between two adjacent floats, so the first
 * float at which the literal holds is the upper of the two (lower literal) or the lower
 * (upper literal), strict or not. This settles in one pass over the terms what the search
 * below settles in three or more (botnet's 90-term equalities: nearly every boundary its
 * search asks for). f64 rows always have a double in the bracket; other cases return
 * UNDECIDED_KEY, and the caller goes on with the search. */
static i64 bracketed_boundary(
    const Tables *tables, i64 at, int lower, i64 column, const double *row) {
    if (!tables->single || !literal_record(tables, at)[2]) {
        return UNDECIDED_KEY;
    }
    Bound bound = approximate_bound(tables, at, column, row);
    /* Widened so that the two subtractions below round outwards of the exact bracket. */
    double radius = bound.radius * (1.0 + 4.0 * UNIT_ROUNDOFF)
        + 2.0 * UNIT_ROUNDOFF * absolute(bound.approximate) + subnormals(4.0);
    double low = bound.approximate - radius;
    double high = bound.approximate + radius;
    double largest = from_key(tables, tables->maximum);
    if (!(absolute(low) <= largest && absolute(high) <= largest)) {
        return UNDECIDED_KEY;
    }
    /* The smallest f32 at or above `low`: the nearest one, moved up when it is below. */
    i64 key = key_of(tables, low);
    if (from_key(tables, key) < low) {
        key += 1;
    }
    if (!(from_key(tables, key) > high)) {
        return UNDECIDED_KEY;
    }
    return lower ? key : key - 1;
}

/* `shield::exact::boundary`: the key of the first float (smallest for a lower literal,
 * largest for an upper one) at which the literal holds in `column`; NO_KEY when no finite
 * float does; UNDECIDED_KEY when a test on the way cannot be decided. */
static i64 boundary(const Tables *tables, i64 at, i64 column, int lower, double *row) {
    i64 maximum = tables->maximum;
    i64 direction = lower ? 1 : -1;
    const i64 *record = literal_record(tables, at);
    if (record[8]) {
        /* A difference literal compares two values of the row: its boundary is the other
         * value, or its neighbour when strict (`shield::exact::boundary`'s shortcut). Every
         * value of a row being corrected is a float of the format; any other value takes
         * the search below, as in the interpreter. */
        const i64 *columns = tables->integers + record[4];
        double value = row[columns[0] == column ? columns[1] : columns[0]];
        i64 key = key_of(tables, value);
        if (finite(value) && from_key(tables, key) == value) {
            i64 found = key + direction * record[1];
            return -maximum <= found && found <= maximum ? found : NO_KEY;
        }
    }
    i64 bracketed = bracketed_boundary(tables, at, lower, column, row);
    if (bracketed != UNDECIDED_KEY) {
        return bracketed;
    }
    double saved = row[column];
    double estimate = estimated_bound(tables, at, column, row);
    i64 start;
    if (estimate != estimate) {
        start = 0;
    } else {
        double rounded = tables->single ? (double)(float)estimate : estimate;
        if (!finite(rounded)) {
            start = rounded > 0.0 ? maximum : -maximum;
        } else {
            start = key_of(tables, rounded);
        }
    }
    /* On the axis t = key * direction the literal fails, then holds, as t grows. */
#define HOLDS_AT(t) (row[column] = from_key(tables, (t) * direction), holds(tables, at, row))
    i64 result;
    i64 t = start * direction;
    int first = HOLDS_AT(t);
    i64 failing, holding;
    if (first == UNKNOWN) {
        result = UNDECIDED_KEY;
        goto done;
    }
    {
        /* Gallop away from t, doubling the step, until the answer changes: down while it
         * holds (at the smallest key it holds everywhere), up while it fails (past the
         * largest key no finite float satisfies it). */
        int down = first == YES;
        i64 edge = down ? -maximum : maximum;
        u64 step = 1;
        i64 last = t;
        for (;;) {
            u64 room = down ? (u64)last - (u64)edge : (u64)edge - (u64)last;
            i64 next = step >= room ? edge : down ? last - (i64)step : last + (i64)step;
            int answer = HOLDS_AT(next);
            if (answer == UNKNOWN) {
                result = UNDECIDED_KEY;
                goto done;
            }
            if (answer != first) {
                failing = down ? next : last;
                holding = down ? last : next;
                break;
            }
            if (next == edge) {
                result = down ? -maximum * direction : NO_KEY;
                goto done;
            }
            last = next;
            step = step >= ((u64)1 << 62) ? step : step * 2;
        }
    }
    /* Bisection between a failing and a holding t: the first holding t is the boundary. */
    while ((u64)holding - (u64)failing > 1) {
        i64 middle = failing + (i64)(((u64)holding - (u64)failing) >> 1);
        int answer = HOLDS_AT(middle);
        if (answer == UNKNOWN) {
            result = UNDECIDED_KEY;
            goto done;
        }
        if (answer == YES) {
            holding = middle;
        } else {
            failing = middle;
        }
    }
    result = holding * direction;
#undef HOLDS_AT
done:
    row[column] = saved;
    return result;
}

static Tables tables_of(const i64 *integers, const double *reals, int32_t single);

/* `boundary` for the kernels' f32 greedy pass where its bracket did not settle
 * (`lower::RUNTIME_BOUNDARY`): the boundary's float, or NaN when no finite float is one or
 * a test on the way cannot be decided. `row` (f32 values widened) is restored. */
double reqc_runtime_boundary(const i64 *integers, const double *reals, i64 at, i64 column,
    int32_t lower, double *row) {
    Tables tables = tables_of(integers, reals, 1);
    i64 key = boundary(&tables, at, column, lower, row);
    if (key == NO_KEY || key == UNDECIDED_KEY) {
        return __builtin_nan("");
    }
    return from_key(&tables, key);
}

/* --- clauses and levels --- */

/* Any of `count` literals (positions listed at `list`) holds: YES, NO or UNKNOWN. */
static int any_holds(const Tables *tables, i64 count, i64 list, const double *row) {
    int unknown = 0;
    for (i64 index = 0; index < count; index++) {
        int answer = holds(tables, tables->integers[list + index], row);
        if (answer == YES) {
            return YES;
        }
        unknown |= answer == UNKNOWN;
    }
    return unknown ? UNKNOWN : NO;
}

static int clause_holds(const Tables *tables, i64 clause, const double *row) {
    const i64 *record = tables->integers + clause;
    int unknown = 0;
    for (int part = 0; part < 3; part++) {
        int answer = any_holds(tables, record[2 * part], record[2 * part + 1], row);
        if (answer == YES) {
            return YES;
        }
        unknown |= answer == UNKNOWN;
    }
    return unknown ? UNKNOWN : NO;
}

/* Every one of `count` clause records from `first` holds: YES, NO or UNKNOWN. */
static int all_clauses_hold(const Tables *tables, i64 count, i64 first, const double *row) {
    int unknown = 0;
    for (i64 clause = 0; clause < count; clause++) {
        int answer = clause_holds(tables, first + 6 * clause, row);
        if (answer == NO) {
            return NO;
        }
        unknown |= answer == UNKNOWN;
    }
    return unknown ? UNKNOWN : YES;
}

static const i64 *level_record(const Tables *tables, i64 level) {
    return tables->integers + tables->integers[2] + 6 * level;
}

/* The merged, sorted key ranges the level's clauses forbid (`Interpreter::gaps`), as
 * start/end pairs in `gaps`; returns how many, or -1 when undecided. */
static i64 level_gaps(const Tables *tables, const i64 *level, double *row, i64 *gaps) {
    i64 maximum = tables->maximum;
    i64 column = level[0];
    i64 count = 0;
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        int residual = any_holds(tables, record[4], record[5], row);
        if (residual == YES) {
            continue;
        }
        if (residual == UNKNOWN) {
            return -1;
        }
        /* The clause holds above its lowest lower boundary and below its highest upper one. */
        i64 lowest = maximum + 1;
        for (i64 index = 0; index < record[0]; index++) {
            i64 key = boundary(tables, tables->integers[record[1] + index], column, 1, row);
            if (key == UNDECIDED_KEY) {
                return -1;
            }
            key = key == NO_KEY ? maximum + 1 : key;
            lowest = key < lowest ? key : lowest;
        }
        i64 highest = -maximum - 1;
        for (i64 index = 0; index < record[2]; index++) {
            i64 key = boundary(tables, tables->integers[record[3] + index], column, 0, row);
            if (key == UNDECIDED_KEY) {
                return -1;
            }
            key = key == NO_KEY ? -maximum - 1 : key;
            highest = key > highest ? key : highest;
        }
        i64 start = record[2] > 0 ? highest + 1 : -maximum;
        i64 end = record[0] > 0 ? lowest - 1 : maximum;
        if (start <= end) {
            start = start > -maximum ? start : -maximum;
            end = end < maximum ? end : maximum;
            /* Insertion keeps the gaps sorted by (start, end). */
            i64 position = count;
            while (position > 0
                && (gaps[2 * (position - 1)] > start
                    || (gaps[2 * (position - 1)] == start && gaps[2 * position - 1] > end))) {
                gaps[2 * position] = gaps[2 * (position - 1)];
                gaps[2 * position + 1] = gaps[2 * position - 1];
                position--;
            }
            gaps[2 * position] = start;
            gaps[2 * position + 1] = end;
            count++;
        }
    }
    i64 merged = 0;
    for (i64 index = 0; index < count; index++) {
        i64 start = gaps[2 * index], end = gaps[2 * index + 1];
        if (merged > 0 && start <= gaps[2 * merged - 1] + 1) {
            gaps[2 * merged - 1] = gaps[2 * merged - 1] > end ? gaps[2 * merged - 1] : end;
        } else {
            gaps[2 * merged] = start;
            gaps[2 * merged + 1] = end;
            merged++;
        }
    }
    return merged;
}

/* The gap holding `position`, or -1. */
static i64 blocked(const i64 *gaps, i64 count, i64 position) {
    for (i64 index = 0; index < count; index++) {
        if (gaps[2 * index] <= position && position <= gaps[2 * index + 1]) {
            return index;
        }
    }
    return -1;
}

/* The nearest key beyond `from` in `direction` (-1 or 1) outside every gap, skipping whole
 * gaps at a time; NO_KEY past the largest finite float. */
static i64 next_free(const i64 *gaps, i64 count, i64 from, i64 direction, i64 maximum) {
    i64 position = from + direction;
    while (-maximum <= position && position <= maximum) {
        i64 gap = blocked(gaps, count, position);
        if (gap < 0) {
            return position;
        }
        position = direction < 0 ? gaps[2 * gap] - 1 : gaps[2 * gap + 1] + 1;
    }
    return NO_KEY;
}

/* Whether `value` is nearer to `low` than to `high` (low < value < high), exactly; ties go
 * to `low` (`shield::exact::nearer_to_low`). Distances that overflow are halved first,
 * which is exact: such values are far from the subnormals. */
static int nearer_to_low(double value, double low, double high) {
    double to_low, to_low_error, to_high, to_high_error;
    two_sum(value, -low, &to_low, &to_low_error);
    two_sum(high, -value, &to_high, &to_high_error);
    if (!finite(to_low) || !finite(to_high)) {
        two_sum(0.5 * value, -0.5 * low, &to_low, &to_low_error);
        two_sum(0.5 * high, -0.5 * value, &to_high, &to_high_error);
    }
    return to_low < to_high || (to_low == to_high && to_low_error <= to_high_error);
}

/* Whether every clause of the level is one bound on its column (one lower or one upper
 * literal, no residual): the shape of most levels, whose allowed keys form one interval. */
static int single_literal_clauses(const Tables *tables, const i64 *level) {
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        if (record[4] != 0 || record[0] + record[2] != 1) {
            return 0;
        }
    }
    return 1;
}

/* The float nearest to `target` among the keys `lowest..=highest` (the target itself when it
 * lies there): 1 with it in `out`, 0 when the range is empty. */
static i64 clamped_to(const Tables *tables, i64 lowest, i64 highest, double target, double *out) {
    if (lowest > highest) {
        return 0;
    }
    i64 current = key_of(tables, target);
    out[0] = current < lowest ? from_key(tables, lowest)
        : current > highest   ? from_key(tables, highest)
                              : target;
    return 1;
}

/* `candidates` with one candidate on a level of single-literal clauses, whose gaps are all
 * below the highest lower boundary or above the lowest upper one: the nearest allowed float
 * is the target clamped to that interval. The same answer as the walk over merged gaps,
 * without building them: 1 with the float in `out`, 0 when no float is allowed, -1 when a
 * boundary is undecided. */
static i64 clamped_candidate(
    const Tables *tables, const i64 *level, double *row, double target, double *out) {
    i64 column = level[0];
    i64 maximum = tables->maximum;
    i64 lowest = -maximum, highest = maximum;
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        int lower = record[0] == 1;
        i64 key = boundary(tables, tables->integers[record[lower ? 1 : 3]], column, lower, row);
        if (key == UNDECIDED_KEY) {
            return -1;
        }
        if (lower) {
            key = key == NO_KEY ? maximum + 1 : key;
            lowest = key > lowest ? key : lowest;
        } else {
            key = key == NO_KEY ? -maximum - 1 : key;
            highest = key < highest ? key : highest;
        }
    }
    return clamped_to(tables, lowest, highest, target, out);
}

/* `candidates` with one candidate on a level whose clauses are each one difference literal
 * (`a y_i - a y_j ⋈ 0`, botnet's 358 literals but four): each bounds the column by another
 * value of the row, or by its neighbour when strict (`boundary`'s shortcut), and holds
 * exactly where the column's key is on that side (`holds`'s comparison). So the clamp of
 * `clamped_candidate` alone decides the level, without the test of every clause before it
 * and with one pass over the clauses. Returns as `clamped_candidate`, or -2 when the level
 * has another shape or a value is not a finite float of the format (the general path then
 * decides, as it did before this shortcut). */
static i64 difference_candidate(
    const Tables *tables, const i64 *level, const double *row, double target, double *out) {
    i64 column = level[0];
    i64 maximum = tables->maximum;
    i64 current = key_of(tables, target);
    if (!finite(target) || from_key(tables, current) != target) {
        return -2;
    }
    i64 lowest = -maximum, highest = maximum;
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        if (record[4] != 0 || record[0] + record[2] != 1) {
            return -2;
        }
        int lower = record[0] == 1;
        const i64 *literal = literal_record(tables, tables->integers[record[lower ? 1 : 3]]);
        if (!literal[8]) {
            return -2;
        }
        const i64 *columns = tables->integers + literal[4];
        double value = row[columns[0] == column ? columns[1] : columns[0]];
        i64 key = key_of(tables, value);
        if (!finite(value) || from_key(tables, key) != value) {
            return -2;
        }
        /* A bound beyond the largest float (strict, at it) leaves no float: NO_KEY. */
        if (lower) {
            key += literal[1];
            lowest = key > lowest ? key : lowest;
        } else {
            key -= literal[1];
            highest = key < highest ? key : highest;
        }
    }
    return clamped_to(tables, lowest, highest, target, out);
}

/* `Interpreter::candidates`: up to `count` floats satisfying the level, nearest to `target`
 * first (ties: lower first), into `out`; returns how many, or -1 when undecided. */
static i64 candidates(
    const Tables *tables, const i64 *level, double *row, double target, i64 count, double *out) {
    i64 column = level[0];
    i64 maximum = tables->maximum;
    row[column] = target;
    if (count == 1) {
        i64 found = difference_candidate(tables, level, row, target, out);
        if (found != -2) {
            return found;
        }
        int all = all_clauses_hold(tables, level[1], level[2], row);
        if (all == YES) {
            out[0] = target;
            return 1;
        }
        if (all == UNKNOWN) {
            return -1;
        }
    }
    if (count == 1 && single_literal_clauses(tables, level)) {
        return clamped_candidate(tables, level, row, target, out);
    }
    i64 gaps[2 * level[1] + 2];
    i64 gap_count = level_gaps(tables, level, row, gaps);
    if (gap_count < 0) {
        return -1;
    }
    i64 current = key_of(tables, target);
    i64 found = 0;
    if (blocked(gaps, gap_count, current) < 0) {
        out[found++] = target;
    }
    /* Walk outwards on both sides, skipping whole gaps at a time. */
    i64 low = next_free(gaps, gap_count, current, -1, maximum);
    i64 high = next_free(gaps, gap_count, current, 1, maximum);
    while (found < count) {
        i64 choice;
        if (low != NO_KEY && high != NO_KEY) {
            if (nearer_to_low(target, from_key(tables, low), from_key(tables, high))) {
                choice = low;
                low = next_free(gaps, gap_count, choice, -1, maximum);
            } else {
                choice = high;
                high = next_free(gaps, gap_count, choice, 1, maximum);
            }
        } else if (low != NO_KEY) {
            choice = low;
            low = next_free(gaps, gap_count, choice, -1, maximum);
        } else if (high != NO_KEY) {
            choice = high;
            high = next_free(gaps, gap_count, choice, 1, maximum);
        } else {
            break;
        }
        out[found++] = from_key(tables, choice);
    }
    return found;
}

/* Whether the sorted mention list of `level` holds `column`. */
static int mentions(const Tables *tables, const i64 *level, i64 column) {
    const i64 *list = tables->integers + level[4];
    i64 low = 0, high = level[3];
    while (low < high) {
        i64 middle = low + (high - low) / 2;
        if (list[middle] == column) {
            return 1;
        }
        if (list[middle] < column) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return 0;
}

/* --- the search's certificate of failure (`hopeless`) --- */

/* A nonzero float as `odd * 2^exponent` with `odd` odd: its lowest set bit. */
typedef struct {
    u64 odd;
    int exponent;
} LowestBit;

static LowestBit lowest_bit(double value) {
    u64 bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    u64 field = (bits >> 52) & 0x7ff;
    u64 significand = (bits & (((u64)1 << 52) - 1)) | (field ? (u64)1 << 52 : 0);
    int zeros = __builtin_ctzll(significand);
    return (LowestBit){
        .odd = significand >> zeros,
        .exponent = (int)(field ? field : 1) - 1075 + zeros,
    };
}

typedef __int128 i128;
typedef unsigned __int128 u128;

/* The smaller of `exponent` and the lowest bit's exponent of `value` (zero has none). */
static int lowest_exponent(double value, int exponent) {
    if (value == 0.0) {
        return exponent;
    }
    int own = lowest_bit(value).exponent;
    return own < exponent ? own : exponent;
}

/* `coefficient * value` in units of 2^base, exactly, for an integer coefficient whose odd
 * part is below 2^20 and a value of at most 96 bits in those units: a term of a sum of up
 * to 1024 of them, which fits 127 bits. 0 when it does not fit. */
static int in_units_times(double coefficient, double value, int base, i128 *units) {
    if (coefficient == 0.0 || value == 0.0) {
        *units = 0;
        return 1;
    }
    LowestBit scale = lowest_bit(coefficient), bit = lowest_bit(value);
    int shift = bit.exponent + scale.exponent - base;
    int length = 64 - __builtin_clzll(bit.odd);
    if (scale.odd >= (u64)1 << 20 || shift < 0 || shift + length > 96) {
        return 0;
    }
    i128 magnitude = ((i128)bit.odd * (i128)scale.odd) << shift;
    *units = (coefficient < 0.0) != (value < 0.0) ? -magnitude : magnitude;
    return 1;
}

/* A retried level's candidates, the original value first, and what each changes R by. */
typedef struct {
    double values[SEARCH_CANDIDATES];
    i128 changes[SEARCH_CANDIDATES];
    i64 count;
} RetriedLevel;

/* The equality's solution `R / a` with R in units of 2^base: a's odd part and the
 * exponent of its lowest bit, and the format's limits. */
typedef struct {
    i128 odd;
    int base;
    int precision;
    int smallest;
    int top;
} Quotient;

static Quotient quotient_of(double denominator, int base, int single) {
    LowestBit divisor = lowest_bit(denominator);
    return (Quotient){
        .odd = (i128)divisor.odd,
        .base = base - divisor.exponent,
        .precision = single ? 24 : 53,
        .smallest = single ? -149 : -1074,
        .top = single ? 128 : 1024,
    };
}

/* Whether R / a is a float of the format (zero included). */
static int float_quotient(const Quotient *quotient, i128 rest) {
    if (rest == 0) {
        return 1;
    }
    if (quotient->odd != 1) {
        if (rest % quotient->odd != 0) {
            return 0;
        }
        rest /= quotient->odd;
    }
    u128 magnitude = rest < 0 ? (u128)0 - (u128)rest : (u128)rest;
    u64 low = (u64)magnitude, high = (u64)(magnitude >> 64);
    int zeros = low ? __builtin_ctzll(low) : 64 + __builtin_ctzll(high);
    magnitude >>= zeros;
    low = (u64)magnitude;
    high = (u64)(magnitude >> 64);
    int length = high ? 128 - __builtin_clzll(high) : 64 - __builtin_clzll(low);
    int exponent = quotient->base + zeros;
    return length <= quotient->precision && exponent >= quotient->smallest
        && exponent + length <= quotient->top;
}

/* The search over the retried levels from `index` down to the deepest (0), as `search`
 * runs it after the first descent: every candidate of a level in turn, each alternative
 * costing budget, the deeper levels' candidates under each; whether some combination gives
 * the equality a float solution, and the first that does, the rank of each level's
 * candidate in `ranks`. */
static int float_solution_within_budget(const Quotient *quotient, i128 rest,
    const RetriedLevel *levels, i64 index, i64 *budget, i64 *ranks) {
    if (index < 0) {
        return float_quotient(quotient, rest);
    }
    for (i64 rank = 0; rank < levels[index].count; rank++) {
        if (rank > 0) {
            if (*budget == 0) {
                break;
            }
            *budget -= 1;
        }
        ranks[index] = rank;
        if (float_solution_within_budget(quotient, rest + levels[index].changes[rank], levels,
                index - 1, budget, ranks)) {
            return 1;
        }
    }
    return 0;
}

/* Whether literals `a` and `b` are each other's negation, both non-strict: together the
 * equality of their integral forms' sides. */
static int negations(const Tables *tables, const i64 *a, const i64 *b) {
    if (a[1] || b[1] || !a[2] || !b[2] || a[5] != b[5] || a[7] != b[7]) {
        return 0;
    }
    Integral first = integral_form(tables, a), second = integral_form(tables, b);
    for (i64 part = 0; part < first.constant_parts; part++) {
        if (first.constant[part] != -second.constant[part]) {
            return 0;
        }
    }
    for (i64 term = 0; term < first.parts; term++) {
        if (first.columns[term] != second.columns[term]
            || first.coefficients[term] != -second.coefficients[term]) {
            return 0;
        }
    }
    return 1;
}

/* The lower literal of an equality among the level's clauses: a clause whose only literal
 * bounds the column from below, and one whose only literal is its negation; -1 if none. */
static i64 equality_literal(const Tables *tables, const i64 *level) {
    for (i64 first = 0; first < level[1]; first++) {
        const i64 *lower = tables->integers + level[2] + 6 * first;
        if (lower[0] != 1 || lower[2] != 0 || lower[4] != 0) {
            continue;
        }
        i64 at = tables->integers[lower[1]];
        for (i64 second = 0; second < level[1]; second++) {
            const i64 *upper = tables->integers + level[2] + 6 * second;
            if (upper[0] == 0 && upper[2] == 1 && upper[4] == 0
                && negations(tables, literal_record(tables, at),
                    literal_record(tables, tables->integers[upper[3]]))) {
                return at;
            }
        }
    }
    return -1;
}

/* The most levels the certificate lets the search retry: with SEARCH_CANDIDATES - 1
 * alternatives each, the budget reaches five. */
#define HOPELESS_RETRIED 16
/* The most levels whose values the retried ones may change, themselves included. */
#define HOPELESS_CHANGED 64

/* Where the search's replay (`hopeless`) found the first combination of the retried levels'
 * candidates that gives the failed equality a float: the search jumps to it instead of
 * running every descent before it, each of which fails at that equality (that is what the
 * replay proves), and goes on from there as it would have. `levels` holds the retried
 * levels topmost first, `ranks` the candidate each takes in that combination, `weights`
 * what reaching one of its candidates costs the budget: 4^k for a level above k retried
 * ones, whose 4^k - 1 alternatives the search would have tried under each candidate
 * before it. A plan with `count` 0 is none. */
typedef struct {
    i64 count;
    i64 next; /* the topmost planned level whose candidate is not yet taken, ranks[next] > 0 */
    i64 levels[HOPELESS_RETRIED];
    i64 ranks[HOPELESS_RETRIED];
    i64 weights[HOPELESS_RETRIED];
} Plan;

/* What the frame of `level`, whose nearest candidate has just failed, does under `plan`:
 * -1, search on as without one (not a planned level, or no plan); 0, give up its
 * alternatives at once, as the search does once they have all failed at the equality
 * (a planned level below the next one to jump: the descents under its alternatives come
 * before the planned combination); otherwise the rank of the candidate to jump to, with
 * `charge` set to the budget its skipped alternatives and it cost (the next level to jump;
 * the plan then moves on to the next level below with a rank, or ends). The levels above
 * the next one to jump are never asked: a failure at the equality reaches it first. */
static i64 planned_rank(Plan *plan, i64 level, i64 *charge) {
    if (plan->count == 0) {
        return -1;
    }
    i64 index = 0;
    while (index < plan->count && plan->levels[index] != level) {
        index++;
    }
    if (index == plan->count) {
        return -1;
    }
    if (index != plan->next) {
        return 0;
    }
    i64 rank = plan->ranks[index];
    *charge = rank * plan->weights[index];
    plan->next += 1;
    while (plan->next < plan->count && plan->ranks[plan->next] == 0) {
        plan->next += 1;
    }
    if (plan->next == plan->count) {
        plan->count = 0;
    }
    return rank;
}

/* Whether the level has a float whatever the earlier values, as long as they meet the
 * earlier levels (as every descent's do): each clause is one difference literal, bounding
 * the column by another value of the row, and either all bound it on one side or none is
 * strict. The levels are the exact projection of the requirements, so the bounds then
 * leave a real interval, and its ends are floats; one-sided bounds leave a half-line. */
static int always_has_a_float(const Tables *tables, const i64 *level) {
    int sides = 0, strict = 0;
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        if (record[0] + record[2] != 1 || record[4] != 0) {
            return 0;
        }
        const i64 *literal =
            literal_record(tables, tables->integers[record[record[0] == 1 ? 1 : 3]]);
        if (!literal[8]) {
            return 0;
        }
        sides |= record[0] == 1 ? 1 : 2;
        strict |= literal[1] != 0;
    }
    return sides != 3 || !strict;
}

/* Whether the search, whose current descent has just failed at level `failed` (which no
 * float satisfies) with `budget` left, must fail from here without succeeding anywhere,
 * decided without running it: this spares rows such as botnet's their whole budget (each
 * of its 90-term equalities has a real solution that is not a float, and the 256
 * alternatives within an ulp or two of the original values rarely make it one). `row`
 * holds the descent's values before `failed`, the original ones from there (and is
 * restored after use); `retrying` is the deepest level trying an alternative (-1 in the
 * first descent), below which the descent is fresh.
 *
 * It applies when `failed` holds an equality `a y = R` (a lower literal and its negation),
 * R = C - the other terms. After that failure the search retries, nearest first, only
 * the visited levels that `failed` mentions, deepest first; within the budget it reaches
 * the deepest few (`retried`: the one above the deepest k gets an alternative only once
 * their 4^k - 1 are spent), which must all lie below `retrying`. Each of them must have
 * no clauses, so that its candidates are the floats next to its original value whatever
 * the other values; every other level they reach must always have a float, and `failed`
 * must not mention it. Then every descent the search makes from here fails at `failed` or
 * finds R / a a float there, and R is known exactly for each (in 127-bit integers): the
 * search is replayed on R alone, in its order and with its budget. When no combination
 * makes R / a a float, each descent fails at `failed` until the budget is spent or no
 * level above can retry: the search fails. When the replay finds a combination that does,
 * it fills `plan` with it (the search jumps there: `Plan`); when a condition does not
 * hold, the search runs. Botnet's rows whose first equality does find a float in the
 * replay meet the second one in a later descent, and this decides there. */
static int hopeless(const Tables *tables, double *row, const double *original, i64 failed,
    i64 budget, i64 retrying, Plan *plan) {
    const i64 *level = level_record(tables, failed);
    i64 column = level[0];
    i64 at = equality_literal(tables, level);
    if (at < 0) {
        return 0;
    }
    /* The retried levels, deepest first, among the visited levels before `failed` (those
     * the search does not pass by: their own first visited level). */
    i64 retried[HOPELESS_RETRIED];
    i64 retried_columns[HOPELESS_RETRIED];
    i64 retried_count = 0;
    i64 spent = 0;
    i64 topmost = failed;
    for (i64 index = failed - 1; index >= 0 && spent < budget; index--) {
        const i64 *candidate = level_record(tables, index);
        if (candidate[5] != index || !mentions(tables, level, candidate[0])) {
            continue;
        }
        /* A level at or above the deepest one trying an alternative is part way through
         * its candidates, which the replay does not model. */
        if (candidate[1] != 0 || retried_count == HOPELESS_RETRIED || index <= retrying) {
            return 0;
        }
        retried_columns[retried_count] = candidate[0];
        retried[retried_count++] = index;
        topmost = index;
        spent = spent * SEARCH_CANDIDATES + (SEARCH_CANDIDATES - 1);
    }
    /* The levels between that the retried columns reach, directly or through one another,
     * must always have a float (`always_has_a_float`), so that each descent fails at
     * `failed` again. A strict bound puts a value at most one float beyond the one it
     * follows, hence the room the retried values must leave below the largest float.
     * `failed` does not mention these levels, so their values do not change R. */
    i64 changed[HOPELESS_CHANGED];
    i64 changed_count = 0;
    for (i64 index = topmost; index < failed; index++) {
        const i64 *between = level_record(tables, index);
        if (between[5] != index) {
            continue;
        }
        int reached = mentions(tables, level, between[0]);
        for (i64 other = 0; other < changed_count && !reached; other++) {
            reached = mentions(tables, between, changed[other]);
        }
        if (!reached) {
            continue;
        }
        if (changed_count == HOPELESS_CHANGED
            || (!mentions(tables, level, between[0]) && !always_has_a_float(tables, between))) {
            return 0;
        }
        changed[changed_count++] = between[0];
    }
    /* Each retried level's candidates, in the order the search tries them (`candidates`
     * itself; the original value first). */
    RetriedLevel retried_levels[HOPELESS_RETRIED];
    for (i64 retry = 0; retry < retried_count; retry++) {
        const i64 *retried_level = level_record(tables, retried[retry]);
        double *options = retried_levels[retry].values;
        double value = original[retried_columns[retry]];
        /* Room for the values the retried ones reach (see above), beyond their own. */
        i64 key = key_of(tables, value), room = SEARCH_CANDIDATES + HOPELESS_CHANGED;
        if (key - room < -tables->maximum || key + room > tables->maximum) {
            return 0;
        }
        retried_levels[retry].count =
            candidates(tables, retried_level, row, value, SEARCH_CANDIDATES, options);
        row[retried_columns[retry]] = value;
        if (retried_levels[retry].count != SEARCH_CANDIDATES || options[0] != value) {
            return 0;
        }
        for (i64 rank = 0; rank < SEARCH_CANDIDATES; rank++) {
            retried_levels[retry].changes[rank] = 0;
        }
    }
    /* R = C - the other terms, exactly, in units of 2^base: the lowest bit of any term or
     * of any change an alternative makes; beside it, what each candidate of a retried
     * level changes R by. */
    Integral form = integral_form(tables, literal_record(tables, at));
    if (form.parts > 1024) {
        return 0;
    }
    int base = INT32_MAX;
    double own = 0.0;
    i64 own_parts = 0;
    for (i64 part = 0; part < form.constant_parts; part++) {
        base = lowest_exponent(form.constant[part], base);
    }
    for (i64 term = 0; term < form.parts; term++) {
        double coefficient = form.coefficients[term];
        if (form.columns[term] == column) {
            own = coefficient;
            own_parts++;
            continue;
        }
        if (coefficient == 0.0) {
            continue;
        }
        int scale = lowest_bit(coefficient).exponent;
        base = lowest_exponent(row[form.columns[term]], base - scale) + scale;
        for (i64 retry = 0; retry < retried_count; retry++) {
            if (retried_columns[retry] == form.columns[term]) {
                for (i64 rank = 1; rank < SEARCH_CANDIDATES; rank++) {
                    double value = retried_levels[retry].values[rank];
                    base = lowest_exponent(value, base - scale) + scale;
                }
            }
        }
    }
    if (own_parts != 1 || own == 0.0) {
        return 0;
    }
    base = base == INT32_MAX ? 0 : base;
    i128 rest = 0;
    for (i64 part = 0; part < form.constant_parts; part++) {
        i128 units;
        if (!in_units_times(1.0, form.constant[part], base, &units)) {
            return 0;
        }
        rest += units;
    }
    for (i64 term = 0; term < form.parts; term++) {
        if (form.columns[term] == column) {
            continue;
        }
        double coefficient = form.coefficients[term];
        i128 units;
        if (!in_units_times(coefficient, row[form.columns[term]], base, &units)) {
            return 0;
        }
        rest -= units;
        for (i64 retry = 0; retry < retried_count; retry++) {
            if (retried_columns[retry] != form.columns[term]) {
                continue;
            }
            for (i64 rank = 1; rank < SEARCH_CANDIDATES; rank++) {
                i128 after;
                double value = retried_levels[retry].values[rank];
                if (!in_units_times(coefficient, value, base, &after)) {
                    return 0;
                }
                retried_levels[retry].changes[rank] -= after - units;
            }
        }
    }
    Quotient quotient = quotient_of(own, base, tables->single);
    i64 ranks[HOPELESS_RETRIED];
    if (!float_solution_within_budget(
            &quotient, rest, retried_levels, retried_count - 1, &budget, ranks)) {
        return 1;
    }
    /* The plan: the retried levels topmost first, from the first with a rank (the first
     * descent's combination, every rank 0, is the one that failed). */
    plan->count = retried_count;
    plan->next = retried_count;
    i64 weight = 1;
    for (i64 retry = 0; retry < retried_count; retry++) {
        i64 index = retried_count - 1 - retry;
        plan->levels[index] = retried[retry];
        plan->ranks[index] = ranks[retry];
        plan->weights[index] = weight;
        weight *= SEARCH_CANDIDATES;
        if (ranks[retry] > 0) {
            plan->next = index;
        }
    }
    if (plan->next == retried_count) {
        plan->count = 0;
    }
    return 0;
}

/* `Interpreter::search` below a level trying an alternative (its first descent, the greedy
 * pass, is the loop of `reqc_runtime_correct_row` or the kernels' own, and `resume` takes
 * it from its failure): completes levels `from..` trying up to `width` candidates per
 * level. Returns SEARCH_OK, SEARCH_UNDECIDED, or the level that had no solution
 * (conflict-directed backjumping skips levels that level does not mention). `plan`, when
 * it has a count, is the combination the search jumps to (`Plan`). */
static i64 search(const Tables *tables, double *row, const double *original, i64 from,
    i64 width, i64 *budget, i64 *retrying, Plan *plan);

static i64 alternatives(const Tables *tables, double *row, const double *original, i64 from,
    i64 failed, i64 width, i64 *budget, i64 *retrying, Plan *plan);

/* One level of `search`. `retrying` is the deepest level on the way here that is trying an
 * alternative, which `search` restores when the level is done. */
static i64 search_level(const Tables *tables, double *row, const double *original, i64 from,
    i64 width, i64 *budget, i64 *retrying, Plan *plan) {
    /* Levels without clauses that no later level mentions keep their value and are never
     * revisited (backjumping skips them), so they are passed by: the outcome is the same
     * as visiting them, and their values in `row` are still the original ones. On faults,
     * 20 of 27 levels. */
    if (from < tables->integers[1]) {
        from = level_record(tables, from)[5];
    }
    if (from == tables->integers[1]) {
        return SEARCH_OK;
    }
    const i64 *level = level_record(tables, from);
    i64 column = level[0];
    double options[SEARCH_CANDIDATES];
    /* The nearest candidate first, alone: nearly every level is completed by it, and the
     * list of `width` candidates, which starts with the same float (candidates come nearest
     * first), is found only once it has failed. Deciding less can only leave fewer rows
     * undecided; every decision made is exact, so the rows are the interpreter's. */
    i64 count = candidates(tables, level, row, original[column], 1, options);
    if (count < 0) {
        return SEARCH_UNDECIDED;
    }
    if (count == 0) {
        /* Under a plan, the replay has already decided this failure (see `Plan`). Where
         * the certificate holds, the levels above give up on it as they would once the
         * budget is spent: none they could retry is within its reach. */
        if (plan->count == 0 && hopeless(tables, row, original, from, *budget, *retrying, plan)) {
            *budget = 0;
        }
        row[column] = original[column];
        return from;
    }
    row[column] = options[0];
    i64 outcome = search(tables, row, original, from + 1, width, budget, retrying, plan);
    if (outcome != SEARCH_OK && outcome != SEARCH_UNDECIDED
        && mentions(tables, level_record(tables, outcome), column)) {
        outcome = alternatives(tables, row, original, from, outcome, width, budget, retrying, plan);
    }
    if (outcome != SEARCH_OK && outcome != SEARCH_UNDECIDED) {
        row[column] = original[column];
    }
    return outcome;
}

/* The rest of `search`'s loop at level `from` after its nearest candidate failed at level
 * `failed`, which mentions it: the alternatives in turn, nearest first, each costing
 * budget (or, under a plan, the jump to its candidate: `planned_rank`), each followed by
 * the search of the levels after it. Returns SEARCH_OK, SEARCH_UNDECIDED, or the last
 * failure; the level's value is then left for the caller to restore. Shared by
 * `search_level` and `resume`, which takes the first descent's frames from its failure. */
static i64 alternatives(const Tables *tables, double *row, const double *original, i64 from,
    i64 failed, i64 width, i64 *budget, i64 *retrying, Plan *plan) {
    const i64 *level = level_record(tables, from);
    i64 column = level[0];
    i64 charge = 0;
    i64 planned = planned_rank(plan, from, &charge);
    if (planned == 0 || width < 2) {
        return failed;
    }
    double options[SEARCH_CANDIDATES];
    i64 count = candidates(tables, level, row, original[column], width, options);
    if (count < 0) {
        return SEARCH_UNDECIDED;
    }
    i64 first = 1;
    if (planned > 0) {
        /* The loop charges the planned candidate itself. */
        *budget -= charge - 1;
        first = planned;
    }
    for (i64 rank = first; rank < count; rank++) {
        if (*budget == 0) {
            break;
        }
        *budget -= 1;
        *retrying = from;
        row[column] = options[rank];
        i64 outcome = search(tables, row, original, from + 1, width, budget, retrying, plan);
        if (outcome == SEARCH_OK || outcome == SEARCH_UNDECIDED) {
            return outcome;
        }
        failed = outcome;
        if (!mentions(tables, level_record(tables, outcome), column)) {
            break;
        }
    }
    return failed;
}

static i64 search(const Tables *tables, double *row, const double *original, i64 from,
    i64 width, i64 *budget, i64 *retrying, Plan *plan) {
    i64 saved = *retrying;
    i64 outcome = search_level(tables, row, original, from, width, budget, retrying, plan);
    *retrying = saved;
    return outcome;
}

static void copy_row(double *into, const double *from, i64 columns) {
    for (i64 column = 0; column < columns; column++) {
        into[column] = from[column];
    }
}

/* Defined below: rule 5's value for a level no float satisfies. */
static int nearest_real(const Tables *tables, const i64 *level, const double *row, double *value);

/* Corrects one finite row (f64 values; f32 values widened when `single`) in place, as
 * `Interpreter::correct_row`. Returns STATUS_UNCHANGED when every level was completed
 * (the caller compares bits to tell a corrected row), STATUS_INEXACT, STATUS_IMPOSSIBLE
 * (row untouched) or STATUS_UNDECIDED (row untouched). */
static uint8_t finish_row(const Tables *tables, double *row, const double *original, i64 outcome);

static Tables tables_of(const i64 *integers, const double *reals, int32_t single) {
    Tables tables = {
        .integers = integers,
        .reals = reals,
        .single = single != 0,
        .maximum = single ? (i64)0x7f7fffff : (i64)0x7fefffffffffffff,
    };
    return tables;
}

static i64 resume(const Tables *tables, double *row, const double *original, i64 failed);

uint8_t reqc_runtime_correct_row(
    const i64 *integers, const double *reals, double *row, int32_t single) {
    Tables tables = tables_of(integers, reals, single);
    i64 columns = integers[0];
    int inputs = all_clauses_hold(&tables, integers[3], integers[4], row);
    if (inputs == NO) {
        return STATUS_IMPOSSIBLE;
    }
    if (inputs == UNKNOWN) {
        return STATUS_UNDECIDED;
    }
    double original[columns > 0 ? columns : 1];
    copy_row(original, row, columns);
    /* The search's first descent, the greedy pass, as a loop: the nearest candidate at
     * every level, levels passed by as `search_level` passes them. Where a level has no
     * float, the search goes on from that failure (`resume`) instead of starting again;
     * the outcome is `search`'s from level 0, without a frame per level on the way (botnet
     * visits 252 of its 757 levels in every row). */
    i64 levels = integers[1];
    for (i64 from = 0; from < levels; from++) {
        from = level_record(&tables, from)[5];
        if (from == levels) {
            break;
        }
        const i64 *level = level_record(&tables, from);
        double option;
        i64 count = candidates(&tables, level, row, original[level[0]], 1, &option);
        if (count < 0) {
            return finish_row(&tables, row, original, SEARCH_UNDECIDED);
        }
        if (count == 0) {
            return finish_row(&tables, row, original, resume(&tables, row, original, from));
        }
        row[level[0]] = option;
    }
    return finish_row(&tables, row, original, SEARCH_OK);
}

/* `reqc_runtime_correct_row` for a row whose greedy pass the kernel has already run
 * (`lower::emit_fast_greedy`) up to level `failed`, which has no float at all: `row`
 * holds the pass's values (the nearest candidate at every visited level before
 * `failed`, the original values from there on), `original` the row as it came. The
 * search goes on from that failure as `search` would after its first descent, frame by
 * frame from the deepest: each visited level before `failed` has tried its nearest
 * candidate and had it fail with the deepest failure so far. The input conditions hold
 * (the pass checked them). */
uint8_t reqc_runtime_resume_row(const i64 *integers, const double *reals, double *row,
    const double *original, int32_t single, i64 failed) {
    Tables tables = tables_of(integers, reals, single);
    return finish_row(&tables, row, original, resume(&tables, row, original, failed));
}

/* The search's outcome after its first descent failed at level `failed`, which has no
 * float at all (`reqc_runtime_resume_row`). */
static i64 resume(const Tables *tables, double *row, const double *original, i64 failed) {
    i64 levels = tables->integers[1];
    /* The levels the search visits before `failed`, in order (as `search` passes by). */
    i64 visited[levels > 0 ? levels : 1];
    i64 depth = 0;
    for (i64 from = 0; from < failed;) {
        from = level_record(tables, from)[5];
        if (from >= failed) {
            break;
        }
        visited[depth++] = from;
        from += 1;
    }
    i64 budget = SEARCH_BUDGET;
    Plan plan = {.count = 0};
    i64 outcome = hopeless(tables, row, original, failed, budget, -1, &plan)
        ? SEARCH_HOPELESS - failed
        : failed;
    for (i64 frame = depth - 1; frame >= 0 && outcome >= 0; frame--) {
        /* The rest of `search`'s loop at this level after its nearest candidate (rank 0)
         * failed with `outcome`. */
        i64 column = level_record(tables, visited[frame])[0];
        if (mentions(tables, level_record(tables, outcome), column)) {
            i64 retrying = visited[frame];
            outcome = alternatives(tables, row, original, visited[frame], outcome,
                SEARCH_CANDIDATES, &budget, &retrying, &plan);
            if (outcome == SEARCH_OK || outcome == SEARCH_UNDECIDED) {
                break;
            }
        }
        row[column] = original[column];
    }
    return outcome;
}

/* What the search's outcome makes of the row: corrected (the row holds the completion),
 * undecided (restored), or rule 5 after a failure, hopeless or not (inexact: the nearest
 * float at every level, and where a level has none, the float nearest to its nearest real
 * solution). */
static uint8_t finish_row(const Tables *tables, double *row, const double *original, i64 outcome) {
    const i64 *integers = tables->integers;
    i64 columns = integers[0];
    if (outcome == SEARCH_OK) {
        return STATUS_UNCHANGED;
    }
    if (outcome == SEARCH_UNDECIDED) {
        copy_row(row, original, columns);
        return STATUS_UNDECIDED;
    }
    /* No representable solution: the nearest float at every level, and where a level has
     * none, the float nearest to its nearest real solution. Up to a hopeless failure, those
     * are the values the first descent left in the row. */
    i64 first = 0;
    int cut_short = outcome <= SEARCH_HOPELESS;
    if (cut_short) {
        first = SEARCH_HOPELESS - outcome;
    } else {
        copy_row(row, original, columns);
    }
    for (i64 index = first; index < integers[1]; index++) {
        const i64 *level = level_record(tables, index);
        double option;
        /* The hopeless failure's level is known to have no float. */
        i64 count = cut_short && index == first
            ? 0
            : candidates(tables, level, row, original[level[0]], 1, &option);
        int decided = count >= 0;
        if (count == 0) {
            decided = nearest_real(tables, level, row, &option);
        }
        if (!decided) {
            copy_row(row, original, columns);
            return STATUS_UNDECIDED;
        }
        row[level[0]] = option;
    }
    return STATUS_INEXACT;
}

/* --- rule 5: the float nearest to a level's nearest real solution --- */


/* Largest expansion a literal's exact bound can need: constant parts plus two per term part. */
static i64 bound_capacity(const Tables *tables, i64 at) {
    const i64 *literal = literal_record(tables, at);
    return literal[7] + 2 * literal[5] + 2;
}

/* The exact bound of literal `at` in `column` on the integral form: numerator expansion and
 * positive denominator parts. Returns the numerator's length, or -1 when a product could
 * overflow (the row is then undecided). */
static i64 exact_bound(const Tables *tables, i64 at, i64 column, const double *row,
    double *numerator, double *denominator, i64 *denominator_parts) {
    Integral form = integral_form(tables, literal_record(tables, at));
    i64 length = 0;
    *denominator_parts = 0;
    for (i64 part = 0; part < form.constant_parts; part++) {
        grow(numerator, &length, form.constant[part]);
    }
    for (i64 term = 0; term < form.parts; term++) {
        if (form.columns[term] == column) {
            denominator[(*denominator_parts)++] = form.coefficients[term];
            continue;
        }
        double value = row[form.columns[term]];
        double product = form.coefficients[term] * value;
        if (!(absolute(product) <= 1e300)) {
            return -1;
        }
        grow(numerator, &length, -product);
        grow(numerator, &length,
            -product_rounding_error(tables, form.coefficients[term], value, product));
    }
    if (denominator[0] < 0.0) {
        negate(numerator, length);
        negate(denominator, *denominator_parts);
    }
    return length;
}

/* The approximate bound, from a compensated (Dot2) numerator with its error bound. */
static Bound approximate_bound(const Tables *tables, i64 at, i64 column, const double *row) {
    Integral form = integral_form(tables, literal_record(tables, at));
    double dot = 0.0, correction = 0.0, size = 0.0;
    double denominator = 0.0, denominator_size = 0.0;
    i64 denominator_parts = 0;
    for (i64 part = 0; part < form.constant_parts; part++) {
        double next, sum_error;
        two_sum(dot, form.constant[part], &next, &sum_error);
        dot = next;
        correction += sum_error;
        size += absolute(form.constant[part]);
    }
    for (i64 term = 0; term < form.parts; term++) {
        if (form.columns[term] == column) {
            denominator += form.coefficients[term];
            denominator_size += absolute(form.coefficients[term]);
            denominator_parts++;
            continue;
        }
        double value = row[form.columns[term]];
        double product = form.coefficients[term] * value;
        double product_error =
            product_rounding_error(tables, form.coefficients[term], value, product);
        double next, sum_error;
        two_sum(dot, -product, &next, &sum_error);
        dot = next;
        correction += sum_error - product_error;
        size += absolute(product);
    }
    Bound bound = {.at = at, .approximate = 0.0, .radius = __builtin_inf()};
    double numerator = dot + correction;
    double products = (double)(form.parts + form.constant_parts);
    double gamma = products * UNIT_ROUNDOFF;
    double numerator_error = 2.0 * UNIT_ROUNDOFF * absolute(numerator)
        + 4.0 * gamma * gamma * size + subnormals(4.0 * products);
    double denominator_error = denominator_parts > 1
        ? 2.0 * (double)denominator_parts * UNIT_ROUNDOFF * denominator_size
        : 0.0;
    double quotient = numerator / denominator;
    if (size <= LARGEST_FINITE && finite(quotient) && denominator != 0.0) {
        double scale = absolute(denominator);
        bound.approximate = quotient;
        /* |N/D - S/E| <= |N - S|/|D| + |S/E| |D - E|/|D|, with |D| >= |E| (1 - tiny); then
         * the division rounds. Doubled, so the rounding of this bound itself is covered. */
        bound.radius = 2.0 * numerator_error / scale
            + 4.0 * absolute(quotient) * (denominator_error / scale + UNIT_ROUNDOFF)
            + subnormals(4.0);
    }
    return bound;
}

/* Whether approximations settle `a` against `b`: -1, 1, or 0 when they cannot. */
static int settled(double a, double a_radius, double b, double b_radius) {
    double gap = a - b;
    double slack = (a_radius + b_radius) * (1.0 + 16.0 * UNIT_ROUNDOFF)
        + 4.0 * UNIT_ROUNDOFF * absolute(gap) + subnormals(4.0);
    if (!finite(gap) || !finite(slack)) {
        return 0;
    }
    return gap > slack ? 1 : gap < -slack ? -1 : 0;
}

/* Adds `sign * expansion * parts` to `into` exactly; 0 when a product could overflow. */
static int add_product(double *into, i64 *length, const double *expansion, i64 expansion_length,
    const double *parts, i64 part_count, double sign) {
    for (i64 index = 0; index < expansion_length; index++) {
        for (i64 part = 0; part < part_count; part++) {
            double product = expansion[index] * parts[part];
            if (!(absolute(product) <= 1e300)) {
                return 0;
            }
            double error = fused(expansion[index], parts[part], -product);
            grow(into, length, sign * product);
            grow(into, length, sign * error);
        }
    }
    return 1;
}

/* The exact value (or, with `distance`, the distance from `current`) of a bound as an
 * expansion over its denominator; returns the length, -1 on overflow. */
static i64 exact_quantity(const Tables *tables, i64 column, const double *row, const Bound *bound,
    int distance, double current, double *numerator, double *denominator, i64 *parts) {
    i64 length = exact_bound(tables, bound->at, column, row, numerator, denominator, parts);
    if (length < 0 || !distance) {
        return length;
    }
    if (!add_product(numerator, &length, &current, 1, denominator, *parts, -1.0)) {
        return -1;
    }
    if (expansion_sign(numerator, length) < 0) {
        negate(numerator, length);
    }
    return length;
}

/* Compares two bounds' values (or their distances from `current`) exactly: -1, 0 or 1, and
 * 2 when a product could overflow. */
static int compare(const Tables *tables, i64 column, const double *row, const Bound *a,
    const Bound *b, int distance, double current) {
    double a_value = a->approximate, b_value = b->approximate;
    double a_radius = a->radius, b_radius = b->radius;
    if (distance) {
        a_value = absolute(a_value - current);
        b_value = absolute(b_value - current);
        a_radius += 2.0 * UNIT_ROUNDOFF * a_value;
        b_radius += 2.0 * UNIT_ROUNDOFF * b_value;
    }
    int quick = settled(a_value, a_radius, b_value, b_radius);
    if (quick != 0) {
        return quick;
    }
    i64 a_capacity = bound_capacity(tables, a->at) + 8;
    i64 b_capacity = bound_capacity(tables, b->at) + 8;
    double a_numerator[a_capacity], b_numerator[b_capacity];
    double a_denominator[4], b_denominator[4];
    i64 a_parts, b_parts;
    i64 a_length = exact_quantity(
        tables, column, row, a, distance, current, a_numerator, a_denominator, &a_parts);
    i64 b_length = exact_quantity(
        tables, column, row, b, distance, current, b_numerator, b_denominator, &b_parts);
    if (a_length < 0 || b_length < 0) {
        return 2;
    }
    /* a/p - b/q has the sign of a q - b p (p, q > 0). */
    double difference[2 * (a_length * b_parts + b_length * a_parts) + 2];
    i64 length = 0;
    if (!add_product(difference, &length, a_numerator, a_length, b_denominator, b_parts, 1.0)
        || !add_product(difference, &length, b_numerator, b_length, a_denominator, a_parts, -1.0)) {
        return 2;
    }
    return expansion_sign(difference, length);
}

/* The sign of numerator - x * denominator, exactly, for x the sum of `x_parts` doubles (one
 * or two); 2 when a product could overflow. */
static int compare_to_float(const double *numerator, i64 length, const double *denominator,
    i64 parts, const double *x, i64 x_parts) {
    double difference[length + 2 * x_parts * parts + 2];
    for (i64 index = 0; index < length; index++) {
        difference[index] = numerator[index];
    }
    i64 size = length;
    if (!add_product(difference, &size, x, x_parts, denominator, parts, -1.0)) {
        return 2;
    }
    return expansion_sign(difference, size);
}

/* `shield::exact::nearest_finite`: the float of the format nearest to the bound's exact
 * value (ties to even), saturating at the largest finite float; 0 when undecided. */
static int nearest_finite(
    const Tables *tables, i64 column, const double *row, const Bound *bound, double *out) {
    double numerator[bound_capacity(tables, bound->at) + 2];
    double denominator[4];
    i64 parts;
    i64 length = exact_bound(tables, bound->at, column, row, numerator, denominator, &parts);
    if (length < 0) {
        return 0;
    }
    int sign = expansion_sign(numerator, length);
    if (sign == 0) {
        *out = 0.0;
        return 1;
    }
    if (sign < 0) {
        negate(numerator, length);
    }
    i64 maximum = tables->maximum;
    double guess = absolute(bound->approximate);
    i64 key = guess <= LARGEST_FINITE ? key_of(tables, guess) : maximum;
    key = key < 0 ? 0 : key > maximum ? maximum : key;
    /* Settle key so that x(key) <= value < x(key + 1); the guess is a few floats off at most. */
    for (int step = 0;; step++) {
        if (step == 256) {
            return 0;
        }
        double at_key = from_key(tables, key);
        int below = compare_to_float(numerator, length, denominator, parts, &at_key, 1);
        if (below == 2) {
            return 0;
        }
        if (below < 0 && key > 0) {
            key--;
            continue;
        }
        if (key == maximum) {
            break;
        }
        double next = from_key(tables, key + 1);
        int above = compare_to_float(numerator, length, denominator, parts, &next, 1);
        if (above == 2) {
            return 0;
        }
        if (above >= 0) {
            key++;
            continue;
        }
        break;
    }
    double result = from_key(tables, key);
    if (key < maximum) {
        /* Nearer of x(key) and x(key + 1): the sign of 2 value - (low + high), ties to even. */
        double low = result, high = from_key(tables, key + 1);
        double midpoint[2];
        two_sum(low, high, &midpoint[0], &midpoint[1]);
        for (i64 index = 0; index < length; index++) {
            numerator[index] *= 2.0;
        }
        int side = compare_to_float(numerator, length, denominator, parts, midpoint, 2);
        if (side == 2) {
            return 0;
        }
        if (side > 0 || (side == 0 && (key & 1) != 0)) {
            result = high;
        }
    }
    *out = sign < 0 ? -result : result;
    return 1;
}

/* `Interpreter::nearest_real`: when no float satisfies a level, the float nearest to the
 * nearest point of the closure of its solution set (among the literals' bounds), ties to the
 * lower point; the value unchanged when there is none. Returns 0 when undecided. */
static int nearest_real(const Tables *tables, const i64 *level, const double *row, double *value) {
    i64 column = level[0];
    double current = row[column];
    i64 total = 0;
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        total += record[0] + record[2];
    }
    Bound bounds[total > 0 ? total : 1];
    /* Bounds of literals that are each other's negation are the same real number (an
     * equality's two sides): each gets the first such bound's index and its value, found
     * once, and two bounds with the same index compare equal without the exact tier. */
    i64 same[total > 0 ? total : 1];
    i64 count = 0;
    for (i64 clause = 0; clause < level[1]; clause++) {
        const i64 *record = tables->integers + level[2] + 6 * clause;
        for (int part = 0; part < 2; part++) {
            for (i64 index = 0; index < record[2 * part]; index++) {
                i64 at = tables->integers[record[2 * part + 1] + index];
                if (!literal_record(tables, at)[2]) {
                    return 0;
                }
                same[count] = count;
                for (i64 earlier = 0; earlier < count; earlier++) {
                    if (same[earlier] == earlier
                        && (bounds[earlier].at == at
                            || negations(tables, literal_record(tables, bounds[earlier].at),
                                literal_record(tables, at)))) {
                        same[count] = earlier;
                        break;
                    }
                }
                bounds[count] = same[count] == count
                    ? approximate_bound(tables, at, column, row)
                    : bounds[same[count]];
                bounds[count++].at = at;
            }
        }
    }
    i64 best = -1;
    for (i64 candidate = 0; candidate < count; candidate++) {
        /* Feasible: every clause holds through a residual literal, a lower bound at or
         * below the point, or an upper bound at or above it (strict bounds count as reached). */
        int feasible = 1;
        i64 position = 0;
        for (i64 clause = 0; clause < level[1] && feasible; clause++) {
            const i64 *record = tables->integers + level[2] + 6 * clause;
            int residual = any_holds(tables, record[4], record[5], row);
            if (residual == UNKNOWN) {
                return 0;
            }
            int holds_here = residual == YES;
            for (i64 index = 0; index < record[0] + record[2]; index++) {
                if (holds_here) {
                    break;
                }
                int order = same[position + index] == same[candidate]
                    ? 0
                    : compare(tables, column, row, &bounds[position + index], &bounds[candidate],
                        0, 0.0);
                if (order == 2) {
                    return 0;
                }
                holds_here = index < record[0] ? order <= 0 : order >= 0;
            }
            position += record[0] + record[2];
            feasible = holds_here;
        }
        if (!feasible) {
            continue;
        }
        if (best < 0) {
            best = candidate;
            continue;
        }
        if (same[candidate] == same[best]) {
            continue;
        }
        int nearer = compare(tables, column, row, &bounds[candidate], &bounds[best], 1, current);
        if (nearer == 0) {
            nearer = compare(tables, column, row, &bounds[candidate], &bounds[best], 0, 0.0);
        }
        if (nearer == 2) {
            return 0;
        }
        if (nearer < 0) {
            best = candidate;
        }
    }
    if (best < 0) {
        *value = current;
        return 1;
    }
    return nearest_finite(tables, column, row, &bounds[best], value);
}

/* The fast test from the tables, for shields whose unrolled fast test would take LLVM too
 * long to compile: 1 when every input condition and every level clause certainly holds at
 * the finite row (the row is then certainly unchanged), else 0. */
int32_t reqc_runtime_fast_test(const i64 *integers, const double *reals, const double *row) {
    Tables tables = {.integers = integers, .reals = reals, .single = 0, .maximum = 0};
    for (i64 column = 0; column < integers[0]; column++) {
        if (!finite(row[column])) {
            return 0;
        }
    }
    for (i64 index = -1; index < integers[1]; index++) {
        /* Index -1 stands for the input conditions. */
        i64 count = index < 0 ? integers[3] : level_record(&tables, index)[1];
        i64 first = index < 0 ? integers[4] : level_record(&tables, index)[2];
        for (i64 clause = 0; clause < count; clause++) {
            const i64 *record = integers + first + 6 * clause;
            int holds_certainly = 0;
            for (int part = 0; part < 3 && !holds_certainly; part++) {
                for (i64 position = 0; position < record[2 * part]; position++) {
                    /* The exact tiers run only where the float test is inconclusive:
                     * they settle the ties of rows that sit on a boundary. */
                    if (holds(&tables, integers[record[2 * part + 1] + position], row) == YES) {
                        holds_certainly = 1;
                        break;
                    }
                }
            }
            if (!holds_certainly) {
                return 0;
            }
        }
    }
    return 1;
}
