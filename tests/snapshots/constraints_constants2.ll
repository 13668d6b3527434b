; ModuleID = 'reqc_shield'
source_filename = "reqc_shield"

@shield_integers = private unnamed_addr constant [36 x i64] [i64 2, i64 2, i64 17, i64 0, i64 36, i64 2, i64 0, i64 1, i64 0, i64 13, i64 2, i64 15, i64 1, i64 0, i64 1, i64 0, i64 1, i64 1, i64 0, i64 27, i64 0, i64 27, i64 0, i64 1, i64 27, i64 2, i64 34, i64 1, i64 33, i64 0, i64 34, i64 0, i64 34, i64 5, i64 0, i64 1]
@shield_reals = private unnamed_addr constant [6 x double] [double 7.000000e+00, double 1.000000e+00, double 1.000000e+00, double 7.000000e+00, double 1.000000e+00, double 1.000000e+00]
@version_text = private unnamed_addr constant [25 x i8] c"reqc 0.1.0; kernel ABI 2\00", align 1

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare double @llvm.fabs.f64(double) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare double @llvm.fma.f64(double, double, double) #0

declare i8 @reqc_runtime_correct_row(i64*, double*, double*, i32)

define i64 @reqc_correct_f32(float* %0, i64 %1, i8* %2) {
entry:
  %scratch = alloca double, i64 2, align 8
  %flags = alloca i8, i64 256, align 1
  %no_status = icmp eq i8* %2, null
  br label %chunk_head

chunk_head:                                       ; preds = %chunk_tail, %entry
  %base = phi i64 [ 0, %entry ], [ %next_base, %chunk_tail ]
  %undecided = phi i64 [ 0, %entry ], [ %next_count, %chunk_tail ]
  %compare = icmp ult i64 %base, %1
  br i1 %compare, label %chunk_body, label %exit

chunk_body:                                       ; preds = %chunk_head
  %remaining = sub i64 %1, %base
  %compare1 = icmp ult i64 %remaining, 256
  %select = select i1 %compare1, i64 %remaining, i64 256
  br label %fast_loop

fast_loop:                                        ; preds = %fast_done, %chunk_body
  %i = phi i64 [ 0, %chunk_body ], [ %next_i, %fast_done ]
  %row_index = add i64 %base, %i
  %offset = mul i64 %row_index, 2
  %element = getelementptr inbounds float, float* %0, i64 %offset
  br label %columns

slow_head:                                        ; preds = %after_status, %fast_done
  %j = phi i64 [ 0, %fast_done ], [ %next_j, %after_status ]
  %undecided54 = phi i64 [ %undecided, %fast_done ], [ %next_count, %after_status ]
  %element55 = getelementptr inbounds i8, i8* %flags, i64 %j
  %flag56 = load i8, i8* %element55, align 1
  %compare57 = icmp ne i8 %flag56, 0
  br i1 %compare57, label %slow_next, label %slow_row

slow_row:                                         ; preds = %slow_head
  %row_index58 = add i64 %base, %j
  %offset59 = mul i64 %row_index58, 2
  %element60 = getelementptr inbounds float, float* %0, i64 %offset59
  br label %columns61

run:                                              ; preds = %columns_done62
  %call74 = call i8 @reqc_runtime_correct_row(i64* getelementptr inbounds ([36 x i64], [36 x i64]* @shield_integers, i32 0, i32 0), double* getelementptr inbounds ([6 x double], [6 x double]* @shield_reals, i32 0, i32 0), double* %scratch, i32 1)
  %compare75 = icmp eq i8 %call74, 0
  %compare76 = icmp eq i8 %call74, 5
  %or77 = or i1 %compare75, %compare76
  br i1 %or77, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns78

slow_next:                                        ; preds = %columns_done79, %run, %columns_done62, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done62 ], [ %call74, %run ], [ %select89, %columns_done79 ]
  %compare90 = icmp eq i8 %row_status, 3
  %undecided91 = zext i1 %compare90 to i64
  %next_count = add i64 %undecided54, %undecided91
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index92 = add i64 %base, %j
  %element93 = getelementptr inbounds i8, i8* %2, i64 %row_index92
  store i8 %row_status, i8* %element93, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare94 = icmp ult i64 %next_j, %select
  br i1 %compare94, label %slow_head, label %chunk_tail

chunk_tail:                                       ; preds = %after_status
  %next_base = add i64 %base, %select
  br label %chunk_head

exit:                                             ; preds = %chunk_head
  ret i64 %undecided

fast_fails:                                       ; preds = %clause_tie, %columns_done
  br label %fast_done

fast_done:                                        ; preds = %fast_fails, %clause_holds
  %fine = phi i1 [ true, %clause_holds ], [ false, %fast_fails ]
  %flag = zext i1 %fine to i8
  %element52 = getelementptr inbounds i8, i8* %flags, i64 %i
  store i8 %flag, i8* %element52, align 1
  %next_i = add i64 %i, 1
  %compare53 = icmp ult i64 %next_i, %select
  br i1 %compare53, label %fast_loop, label %slow_head

columns:                                          ; preds = %columns, %fast_loop
  %column = phi i64 [ 0, %fast_loop ], [ %next_column, %columns ]
  %accumulator = phi i1 [ true, %fast_loop ], [ %and, %columns ]
  %element2 = getelementptr inbounds float, float* %element, i64 %column
  %value = load float, float* %element2, align 4
  %value3 = fpext float %value to double
  %call = call double @llvm.fabs.f64(double %value3)
  %compare4 = fcmp ole double %call, 0x7FEFFFFFFFFFFFFF
  %and = and i1 %accumulator, %compare4
  %next_column = add i64 %column, 1
  %compare5 = icmp ult i64 %next_column, 2
  br i1 %compare5, label %columns, label %columns_done

columns_done:                                     ; preds = %columns
  br i1 %and, label %clauses, label %fast_fails

clauses:                                          ; preds = %columns_done
  %element6 = getelementptr inbounds float, float* %element, i64 0
  %value7 = load float, float* %element6, align 4
  %value8 = fpext float %value7 to double
  %product = fmul double 1.000000e+00, %value8
  %sum = fadd double -7.000000e+00, %product
  %call9 = call double @llvm.fabs.f64(double %product)
  %magnitude = fadd double 7.000000e+00, %call9
  %element10 = getelementptr inbounds float, float* %element, i64 1
  %value11 = load float, float* %element10, align 4
  %value12 = fpext float %value11 to double
  %product13 = fmul double 1.000000e+00, %value12
  %sum14 = fadd double %sum, %product13
  %call15 = call double @llvm.fabs.f64(double %product13)
  %magnitude16 = fadd double %magnitude, %call15
  %scaled = fmul double 0x3CE0000000000000, %magnitude16
  %error = fadd double %scaled, 1.976260e-323
  %compare17 = fcmp ogt double %sum14, %error
  %or = or i1 false, %compare17
  br i1 %or, label %clause_holds, label %clause_tie

clause_holds:                                     ; preds = %clause_tie, %clauses
  br label %fast_done

clause_tie:                                       ; preds = %clauses
  %element18 = getelementptr inbounds float, float* %element, i64 0
  %value19 = load float, float* %element18, align 4
  %value20 = fpext float %value19 to double
  %product21 = fmul double 1.000000e+00, %value20
  %negated = fneg double %product21
  %call22 = call double @llvm.fma.f64(double 1.000000e+00, double %value20, double %negated)
  %next = fadd double -7.000000e+00, %product21
  %virtual_product = fsub double %next, -7.000000e+00
  %virtual_sum = fsub double %next, %virtual_product
  %sum_part = fsub double -7.000000e+00, %virtual_sum
  %product_part = fsub double %product21, %virtual_product
  %sum_error = fadd double %sum_part, %product_part
  %compare23 = fcmp une double %call22, 0.000000e+00
  %compare24 = fcmp une double %sum_error, 0.000000e+00
  %or25 = or i1 %compare23, %compare24
  %call26 = call double @llvm.fabs.f64(double %product21)
  %compare27 = fcmp ugt double %call26, 1.000000e+300
  %or28 = or i1 %or25, %compare27
  %or29 = or i1 false, %or28
  %element30 = getelementptr inbounds float, float* %element, i64 1
  %value31 = load float, float* %element30, align 4
  %value32 = fpext float %value31 to double
  %product33 = fmul double 1.000000e+00, %value32
  %negated34 = fneg double %product33
  %call35 = call double @llvm.fma.f64(double 1.000000e+00, double %value32, double %negated34)
  %next36 = fadd double %next, %product33
  %virtual_product37 = fsub double %next36, %next
  %virtual_sum38 = fsub double %next36, %virtual_product37
  %sum_part39 = fsub double %next, %virtual_sum38
  %product_part40 = fsub double %product33, %virtual_product37
  %sum_error41 = fadd double %sum_part39, %product_part40
  %compare42 = fcmp une double %call35, 0.000000e+00
  %compare43 = fcmp une double %sum_error41, 0.000000e+00
  %or44 = or i1 %compare42, %compare43
  %call45 = call double @llvm.fabs.f64(double %product33)
  %compare46 = fcmp ugt double %call45, 1.000000e+300
  %or47 = or i1 %or44, %compare46
  %or48 = or i1 %or29, %or47
  %compare49 = fcmp oge double %next36, 0.000000e+00
  %exact = xor i1 %or48, true
  %and50 = and i1 %exact, %compare49
  %or51 = or i1 false, %and50
  br i1 %or51, label %clause_holds, label %fast_fails

columns61:                                        ; preds = %columns61, %slow_row
  %column63 = phi i64 [ 0, %slow_row ], [ %next_column72, %columns61 ]
  %accumulator64 = phi i1 [ true, %slow_row ], [ %and71, %columns61 ]
  %element65 = getelementptr inbounds float, float* %element60, i64 %column63
  %value66 = load float, float* %element65, align 4
  %value67 = fpext float %value66 to double
  %element68 = getelementptr inbounds double, double* %scratch, i64 %column63
  store double %value67, double* %element68, align 8
  %call69 = call double @llvm.fabs.f64(double %value67)
  %compare70 = fcmp ole double %call69, 0x7FEFFFFFFFFFFFFF
  %and71 = and i1 %accumulator64, %compare70
  %next_column72 = add i64 %column63, 1
  %compare73 = icmp ult i64 %next_column72, 2
  br i1 %compare73, label %columns61, label %columns_done62

columns_done62:                                   ; preds = %columns61
  br i1 %and71, label %run, label %slow_next

columns78:                                        ; preds = %columns78, %write_back
  %column80 = phi i64 [ 0, %write_back ], [ %next_column87, %columns78 ]
  %accumulator81 = phi i1 [ false, %write_back ], [ %or86, %columns78 ]
  %element82 = getelementptr inbounds float, float* %element60, i64 %column80
  %old = load float, float* %element82, align 4
  %element83 = getelementptr inbounds double, double* %scratch, i64 %column80
  %new = load double, double* %element83, align 8
  %new84 = fptrunc double %new to float
  %old_bits = bitcast float %old to i32
  %new_bits = bitcast float %new84 to i32
  store float %new84, float* %element82, align 4
  %compare85 = icmp ne i32 %old_bits, %new_bits
  %or86 = or i1 %accumulator81, %compare85
  %next_column87 = add i64 %column80, 1
  %compare88 = icmp ult i64 %next_column87, 2
  br i1 %compare88, label %columns78, label %columns_done79

columns_done79:                                   ; preds = %columns78
  %written = zext i1 %or86 to i8
  %select89 = select i1 %compare76, i8 5, i8 %written
  br label %slow_next
}

define i64 @reqc_correct_f64(double* %0, i64 %1, i8* %2) {
entry:
  %scratch = alloca double, i64 2, align 8
  %flags = alloca i8, i64 256, align 1
  %no_status = icmp eq i8* %2, null
  br label %chunk_head

chunk_head:                                       ; preds = %chunk_tail, %entry
  %base = phi i64 [ 0, %entry ], [ %next_base, %chunk_tail ]
  %undecided = phi i64 [ 0, %entry ], [ %next_count, %chunk_tail ]
  %compare = icmp ult i64 %base, %1
  br i1 %compare, label %chunk_body, label %exit

chunk_body:                                       ; preds = %chunk_head
  %remaining = sub i64 %1, %base
  %compare1 = icmp ult i64 %remaining, 256
  %select = select i1 %compare1, i64 %remaining, i64 256
  br label %fast_loop

fast_loop:                                        ; preds = %fast_done, %chunk_body
  %i = phi i64 [ 0, %chunk_body ], [ %next_i, %fast_done ]
  %row_index = add i64 %base, %i
  %offset = mul i64 %row_index, 2
  %element = getelementptr inbounds double, double* %0, i64 %offset
  br label %columns

slow_head:                                        ; preds = %after_status, %fast_done
  %j = phi i64 [ 0, %fast_done ], [ %next_j, %after_status ]
  %undecided49 = phi i64 [ %undecided, %fast_done ], [ %next_count, %after_status ]
  %element50 = getelementptr inbounds i8, i8* %flags, i64 %j
  %flag51 = load i8, i8* %element50, align 1
  %compare52 = icmp ne i8 %flag51, 0
  br i1 %compare52, label %slow_next, label %slow_row

slow_row:                                         ; preds = %slow_head
  %row_index53 = add i64 %base, %j
  %offset54 = mul i64 %row_index53, 2
  %element55 = getelementptr inbounds double, double* %0, i64 %offset54
  br label %columns56

run:                                              ; preds = %columns_done57
  %call68 = call i8 @reqc_runtime_correct_row(i64* getelementptr inbounds ([36 x i64], [36 x i64]* @shield_integers, i32 0, i32 0), double* getelementptr inbounds ([6 x double], [6 x double]* @shield_reals, i32 0, i32 0), double* %scratch, i32 0)
  %compare69 = icmp eq i8 %call68, 0
  %compare70 = icmp eq i8 %call68, 5
  %or71 = or i1 %compare69, %compare70
  br i1 %or71, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns72

slow_next:                                        ; preds = %columns_done73, %run, %columns_done57, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done57 ], [ %call68, %run ], [ %select82, %columns_done73 ]
  %compare83 = icmp eq i8 %row_status, 3
  %undecided84 = zext i1 %compare83 to i64
  %next_count = add i64 %undecided49, %undecided84
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index85 = add i64 %base, %j
  %element86 = getelementptr inbounds i8, i8* %2, i64 %row_index85
  store i8 %row_status, i8* %element86, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare87 = icmp ult i64 %next_j, %select
  br i1 %compare87, label %slow_head, label %chunk_tail

chunk_tail:                                       ; preds = %after_status
  %next_base = add i64 %base, %select
  br label %chunk_head

exit:                                             ; preds = %chunk_head
  ret i64 %undecided

fast_fails:                                       ; preds = %clause_tie, %columns_done
  br label %fast_done

fast_done:                                        ; preds = %fast_fails, %clause_holds
  %fine = phi i1 [ true, %clause_holds ], [ false, %fast_fails ]
  %flag = zext i1 %fine to i8
  %element47 = getelementptr inbounds i8, i8* %flags, i64 %i
  store i8 %flag, i8* %element47, align 1
  %next_i = add i64 %i, 1
  %compare48 = icmp ult i64 %next_i, %select
  br i1 %compare48, label %fast_loop, label %slow_head

columns:                                          ; preds = %columns, %fast_loop
  %column = phi i64 [ 0, %fast_loop ], [ %next_column, %columns ]
  %accumulator = phi i1 [ true, %fast_loop ], [ %and, %columns ]
  %element2 = getelementptr inbounds double, double* %element, i64 %column
  %value = load double, double* %element2, align 8
  %call = call double @llvm.fabs.f64(double %value)
  %compare3 = fcmp ole double %call, 0x7FEFFFFFFFFFFFFF
  %and = and i1 %accumulator, %compare3
  %next_column = add i64 %column, 1
  %compare4 = icmp ult i64 %next_column, 2
  br i1 %compare4, label %columns, label %columns_done

columns_done:                                     ; preds = %columns
  br i1 %and, label %clauses, label %fast_fails

clauses:                                          ; preds = %columns_done
  %element5 = getelementptr inbounds double, double* %element, i64 0
  %value6 = load double, double* %element5, align 8
  %product = fmul double 1.000000e+00, %value6
  %sum = fadd double -7.000000e+00, %product
  %call7 = call double @llvm.fabs.f64(double %product)
  %magnitude = fadd double 7.000000e+00, %call7
  %element8 = getelementptr inbounds double, double* %element, i64 1
  %value9 = load double, double* %element8, align 8
  %product10 = fmul double 1.000000e+00, %value9
  %sum11 = fadd double %sum, %product10
  %call12 = call double @llvm.fabs.f64(double %product10)
  %magnitude13 = fadd double %magnitude, %call12
  %scaled = fmul double 0x3CE0000000000000, %magnitude13
  %error = fadd double %scaled, 1.976260e-323
  %compare14 = fcmp ogt double %sum11, %error
  %or = or i1 false, %compare14
  br i1 %or, label %clause_holds, label %clause_tie

clause_holds:                                     ; preds = %clause_tie, %clauses
  br label %fast_done

clause_tie:                                       ; preds = %clauses
  %element15 = getelementptr inbounds double, double* %element, i64 0
  %value16 = load double, double* %element15, align 8
  %product17 = fmul double 1.000000e+00, %value16
  %negated = fneg double %product17
  %call18 = call double @llvm.fma.f64(double 1.000000e+00, double %value16, double %negated)
  %next = fadd double -7.000000e+00, %product17
  %virtual_product = fsub double %next, -7.000000e+00
  %virtual_sum = fsub double %next, %virtual_product
  %sum_part = fsub double -7.000000e+00, %virtual_sum
  %product_part = fsub double %product17, %virtual_product
  %sum_error = fadd double %sum_part, %product_part
  %compare19 = fcmp une double %call18, 0.000000e+00
  %compare20 = fcmp une double %sum_error, 0.000000e+00
  %or21 = or i1 %compare19, %compare20
  %call22 = call double @llvm.fabs.f64(double %product17)
  %compare23 = fcmp ugt double %call22, 1.000000e+300
  %or24 = or i1 %or21, %compare23
  %or25 = or i1 false, %or24
  %element26 = getelementptr inbounds double, double* %element, i64 1
  %value27 = load double, double* %element26, align 8
  %product28 = fmul double 1.000000e+00, %value27
  %negated29 = fneg double %product28
  %call30 = call double @llvm.fma.f64(double 1.000000e+00, double %value27, double %negated29)
  %next31 = fadd double %next, %product28
  %virtual_product32 = fsub double %next31, %next
  %virtual_sum33 = fsub double %next31, %virtual_product32
  %sum_part34 = fsub double %next, %virtual_sum33
  %product_part35 = fsub double %product28, %virtual_product32
  %sum_error36 = fadd double %sum_part34, %product_part35
  %compare37 = fcmp une double %call30, 0.000000e+00
  %compare38 = fcmp une double %sum_error36, 0.000000e+00
  %or39 = or i1 %compare37, %compare38
  %call40 = call double @llvm.fabs.f64(double %product28)
  %compare41 = fcmp ugt double %call40, 1.000000e+300
  %or42 = or i1 %or39, %compare41
  %or43 = or i1 %or25, %or42
  %compare44 = fcmp oge double %next31, 0.000000e+00
  %exact = xor i1 %or43, true
  %and45 = and i1 %exact, %compare44
  %or46 = or i1 false, %and45
  br i1 %or46, label %clause_holds, label %fast_fails

columns56:                                        ; preds = %columns56, %slow_row
  %column58 = phi i64 [ 0, %slow_row ], [ %next_column66, %columns56 ]
  %accumulator59 = phi i1 [ true, %slow_row ], [ %and65, %columns56 ]
  %element60 = getelementptr inbounds double, double* %element55, i64 %column58
  %value61 = load double, double* %element60, align 8
  %element62 = getelementptr inbounds double, double* %scratch, i64 %column58
  store double %value61, double* %element62, align 8
  %call63 = call double @llvm.fabs.f64(double %value61)
  %compare64 = fcmp ole double %call63, 0x7FEFFFFFFFFFFFFF
  %and65 = and i1 %accumulator59, %compare64
  %next_column66 = add i64 %column58, 1
  %compare67 = icmp ult i64 %next_column66, 2
  br i1 %compare67, label %columns56, label %columns_done57

columns_done57:                                   ; preds = %columns56
  br i1 %and65, label %run, label %slow_next

columns72:                                        ; preds = %columns72, %write_back
  %column74 = phi i64 [ 0, %write_back ], [ %next_column80, %columns72 ]
  %accumulator75 = phi i1 [ false, %write_back ], [ %or79, %columns72 ]
  %element76 = getelementptr inbounds double, double* %element55, i64 %column74
  %old = load double, double* %element76, align 8
  %element77 = getelementptr inbounds double, double* %scratch, i64 %column74
  %new = load double, double* %element77, align 8
  %old_bits = bitcast double %old to i64
  %new_bits = bitcast double %new to i64
  store double %new, double* %element76, align 8
  %compare78 = icmp ne i64 %old_bits, %new_bits
  %or79 = or i1 %accumulator75, %compare78
  %next_column80 = add i64 %column74, 1
  %compare81 = icmp ult i64 %next_column80, 2
  br i1 %compare81, label %columns72, label %columns_done73

columns_done73:                                   ; preds = %columns72
  %written = zext i1 %or79 to i8
  %select82 = select i1 %compare70, i8 5, i8 %written
  br label %slow_next
}

define i64 @reqc_columns() {
entry:
  ret i64 2
}

define i64 @reqc_requirements_hash() {
entry:
  ret i64 7852742906647470243
}

define i8* @reqc_version() {
entry:
  ret i8* getelementptr inbounds ([25 x i8], [25 x i8]* @version_text, i32 0, i32 0)
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
