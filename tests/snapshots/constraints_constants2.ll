; ModuleID = 'reqc_shield'
source_filename = "reqc_shield"

@shield_integers = private unnamed_addr constant [36 x i64] [i64 2, i64 2, i64 17, i64 0, i64 36, i64 2, i64 0, i64 1, i64 0, i64 13, i64 2, i64 15, i64 1, i64 0, i64 1, i64 0, i64 1, i64 1, i64 0, i64 27, i64 0, i64 27, i64 0, i64 1, i64 27, i64 2, i64 34, i64 1, i64 33, i64 0, i64 34, i64 0, i64 34, i64 5, i64 0, i64 1]
@shield_reals = private unnamed_addr constant [6 x double] [double 7.000000e+00, double 1.000000e+00, double 1.000000e+00, double 7.000000e+00, double 1.000000e+00, double 1.000000e+00]
@version_text = private unnamed_addr constant [25 x i8] c"reqc 0.1.0; kernel ABI 2\00", align 1

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare double @llvm.fabs.f64(double) #0

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
  %undecided20 = phi i64 [ %undecided, %fast_done ], [ %next_count, %after_status ]
  %element21 = getelementptr inbounds i8, i8* %flags, i64 %j
  %flag22 = load i8, i8* %element21, align 1
  %compare23 = icmp ne i8 %flag22, 0
  br i1 %compare23, label %slow_next, label %slow_row

slow_row:                                         ; preds = %slow_head
  %row_index24 = add i64 %base, %j
  %offset25 = mul i64 %row_index24, 2
  %element26 = getelementptr inbounds float, float* %0, i64 %offset25
  br label %columns27

run:                                              ; preds = %columns_done28
  %call40 = call i8 @reqc_runtime_correct_row(i64* getelementptr inbounds ([36 x i64], [36 x i64]* @shield_integers, i32 0, i32 0), double* getelementptr inbounds ([6 x double], [6 x double]* @shield_reals, i32 0, i32 0), double* %scratch, i32 1)
  %compare41 = icmp eq i8 %call40, 0
  %compare42 = icmp eq i8 %call40, 5
  %or43 = or i1 %compare41, %compare42
  br i1 %or43, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns44

slow_next:                                        ; preds = %columns_done45, %run, %columns_done28, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done28 ], [ %call40, %run ], [ %select55, %columns_done45 ]
  %compare56 = icmp eq i8 %row_status, 3
  %undecided57 = zext i1 %compare56 to i64
  %next_count = add i64 %undecided20, %undecided57
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index58 = add i64 %base, %j
  %element59 = getelementptr inbounds i8, i8* %2, i64 %row_index58
  store i8 %row_status, i8* %element59, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare60 = icmp ult i64 %next_j, %select
  br i1 %compare60, label %slow_head, label %chunk_tail

chunk_tail:                                       ; preds = %after_status
  %next_base = add i64 %base, %select
  br label %chunk_head

exit:                                             ; preds = %chunk_head
  ret i64 %undecided

fast_fails:                                       ; preds = %clauses, %columns_done
  br label %fast_done

fast_done:                                        ; preds = %fast_fails, %clause_holds
  %fine = phi i1 [ true, %clause_holds ], [ false, %fast_fails ]
  %flag = zext i1 %fine to i8
  %element18 = getelementptr inbounds i8, i8* %flags, i64 %i
  store i8 %flag, i8* %element18, align 1
  %next_i = add i64 %i, 1
  %compare19 = icmp ult i64 %next_i, %select
  br i1 %compare19, label %fast_loop, label %slow_head

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
  br i1 %or, label %clause_holds, label %fast_fails

clause_holds:                                     ; preds = %clauses
  br label %fast_done

columns27:                                        ; preds = %columns27, %slow_row
  %column29 = phi i64 [ 0, %slow_row ], [ %next_column38, %columns27 ]
  %accumulator30 = phi i1 [ true, %slow_row ], [ %and37, %columns27 ]
  %element31 = getelementptr inbounds float, float* %element26, i64 %column29
  %value32 = load float, float* %element31, align 4
  %value33 = fpext float %value32 to double
  %element34 = getelementptr inbounds double, double* %scratch, i64 %column29
  store double %value33, double* %element34, align 8
  %call35 = call double @llvm.fabs.f64(double %value33)
  %compare36 = fcmp ole double %call35, 0x7FEFFFFFFFFFFFFF
  %and37 = and i1 %accumulator30, %compare36
  %next_column38 = add i64 %column29, 1
  %compare39 = icmp ult i64 %next_column38, 2
  br i1 %compare39, label %columns27, label %columns_done28

columns_done28:                                   ; preds = %columns27
  br i1 %and37, label %run, label %slow_next

columns44:                                        ; preds = %columns44, %write_back
  %column46 = phi i64 [ 0, %write_back ], [ %next_column53, %columns44 ]
  %accumulator47 = phi i1 [ false, %write_back ], [ %or52, %columns44 ]
  %element48 = getelementptr inbounds float, float* %element26, i64 %column46
  %old = load float, float* %element48, align 4
  %element49 = getelementptr inbounds double, double* %scratch, i64 %column46
  %new = load double, double* %element49, align 8
  %new50 = fptrunc double %new to float
  %old_bits = bitcast float %old to i32
  %new_bits = bitcast float %new50 to i32
  store float %new50, float* %element48, align 4
  %compare51 = icmp ne i32 %old_bits, %new_bits
  %or52 = or i1 %accumulator47, %compare51
  %next_column53 = add i64 %column46, 1
  %compare54 = icmp ult i64 %next_column53, 2
  br i1 %compare54, label %columns44, label %columns_done45

columns_done45:                                   ; preds = %columns44
  %written = zext i1 %or52 to i8
  %select55 = select i1 %compare42, i8 5, i8 %written
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
  %undecided17 = phi i64 [ %undecided, %fast_done ], [ %next_count, %after_status ]
  %element18 = getelementptr inbounds i8, i8* %flags, i64 %j
  %flag19 = load i8, i8* %element18, align 1
  %compare20 = icmp ne i8 %flag19, 0
  br i1 %compare20, label %slow_next, label %slow_row

slow_row:                                         ; preds = %slow_head
  %row_index21 = add i64 %base, %j
  %offset22 = mul i64 %row_index21, 2
  %element23 = getelementptr inbounds double, double* %0, i64 %offset22
  br label %columns24

run:                                              ; preds = %columns_done25
  %call36 = call i8 @reqc_runtime_correct_row(i64* getelementptr inbounds ([36 x i64], [36 x i64]* @shield_integers, i32 0, i32 0), double* getelementptr inbounds ([6 x double], [6 x double]* @shield_reals, i32 0, i32 0), double* %scratch, i32 0)
  %compare37 = icmp eq i8 %call36, 0
  %compare38 = icmp eq i8 %call36, 5
  %or39 = or i1 %compare37, %compare38
  br i1 %or39, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns40

slow_next:                                        ; preds = %columns_done41, %run, %columns_done25, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done25 ], [ %call36, %run ], [ %select50, %columns_done41 ]
  %compare51 = icmp eq i8 %row_status, 3
  %undecided52 = zext i1 %compare51 to i64
  %next_count = add i64 %undecided17, %undecided52
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index53 = add i64 %base, %j
  %element54 = getelementptr inbounds i8, i8* %2, i64 %row_index53
  store i8 %row_status, i8* %element54, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare55 = icmp ult i64 %next_j, %select
  br i1 %compare55, label %slow_head, label %chunk_tail

chunk_tail:                                       ; preds = %after_status
  %next_base = add i64 %base, %select
  br label %chunk_head

exit:                                             ; preds = %chunk_head
  ret i64 %undecided

fast_fails:                                       ; preds = %clauses, %columns_done
  br label %fast_done

fast_done:                                        ; preds = %fast_fails, %clause_holds
  %fine = phi i1 [ true, %clause_holds ], [ false, %fast_fails ]
  %flag = zext i1 %fine to i8
  %element15 = getelementptr inbounds i8, i8* %flags, i64 %i
  store i8 %flag, i8* %element15, align 1
  %next_i = add i64 %i, 1
  %compare16 = icmp ult i64 %next_i, %select
  br i1 %compare16, label %fast_loop, label %slow_head

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
  br i1 %or, label %clause_holds, label %fast_fails

clause_holds:                                     ; preds = %clauses
  br label %fast_done

columns24:                                        ; preds = %columns24, %slow_row
  %column26 = phi i64 [ 0, %slow_row ], [ %next_column34, %columns24 ]
  %accumulator27 = phi i1 [ true, %slow_row ], [ %and33, %columns24 ]
  %element28 = getelementptr inbounds double, double* %element23, i64 %column26
  %value29 = load double, double* %element28, align 8
  %element30 = getelementptr inbounds double, double* %scratch, i64 %column26
  store double %value29, double* %element30, align 8
  %call31 = call double @llvm.fabs.f64(double %value29)
  %compare32 = fcmp ole double %call31, 0x7FEFFFFFFFFFFFFF
  %and33 = and i1 %accumulator27, %compare32
  %next_column34 = add i64 %column26, 1
  %compare35 = icmp ult i64 %next_column34, 2
  br i1 %compare35, label %columns24, label %columns_done25

columns_done25:                                   ; preds = %columns24
  br i1 %and33, label %run, label %slow_next

columns40:                                        ; preds = %columns40, %write_back
  %column42 = phi i64 [ 0, %write_back ], [ %next_column48, %columns40 ]
  %accumulator43 = phi i1 [ false, %write_back ], [ %or47, %columns40 ]
  %element44 = getelementptr inbounds double, double* %element23, i64 %column42
  %old = load double, double* %element44, align 8
  %element45 = getelementptr inbounds double, double* %scratch, i64 %column42
  %new = load double, double* %element45, align 8
  %old_bits = bitcast double %old to i64
  %new_bits = bitcast double %new to i64
  store double %new, double* %element44, align 8
  %compare46 = icmp ne i64 %old_bits, %new_bits
  %or47 = or i1 %accumulator43, %compare46
  %next_column48 = add i64 %column42, 1
  %compare49 = icmp ult i64 %next_column48, 2
  br i1 %compare49, label %columns40, label %columns_done41

columns_done41:                                   ; preds = %columns40
  %written = zext i1 %or47 to i8
  %select50 = select i1 %compare38, i8 5, i8 %written
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
