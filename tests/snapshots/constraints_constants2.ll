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

fast_loop:                                        ; preds = %columns_done, %chunk_body
  %i = phi i64 [ 0, %chunk_body ], [ %next_i, %columns_done ]
  %row_index = add i64 %base, %i
  %offset = mul i64 %row_index, 2
  %element = getelementptr inbounds float, float* %0, i64 %offset
  br label %columns

slow_head:                                        ; preds = %after_status, %columns_done
  %j = phi i64 [ 0, %columns_done ], [ %next_j, %after_status ]
  %undecided21 = phi i64 [ %undecided, %columns_done ], [ %next_count, %after_status ]
  %element22 = getelementptr inbounds i8, i8* %flags, i64 %j
  %flag23 = load i8, i8* %element22, align 1
  %compare24 = icmp ne i8 %flag23, 0
  br i1 %compare24, label %slow_next, label %slow_row

slow_row:                                         ; preds = %slow_head
  %row_index25 = add i64 %base, %j
  %offset26 = mul i64 %row_index25, 2
  %element27 = getelementptr inbounds float, float* %0, i64 %offset26
  br label %columns28

run:                                              ; preds = %columns_done29
  %call41 = call i8 @reqc_runtime_correct_row(i64* getelementptr inbounds ([36 x i64], [36 x i64]* @shield_integers, i32 0, i32 0), double* getelementptr inbounds ([6 x double], [6 x double]* @shield_reals, i32 0, i32 0), double* %scratch, i32 1)
  %compare42 = icmp eq i8 %call41, 0
  %compare43 = icmp eq i8 %call41, 5
  %or44 = or i1 %compare42, %compare43
  br i1 %or44, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns45

slow_next:                                        ; preds = %columns_done46, %run, %columns_done29, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done29 ], [ %call41, %run ], [ %select56, %columns_done46 ]
  %compare57 = icmp eq i8 %row_status, 3
  %undecided58 = zext i1 %compare57 to i64
  %next_count = add i64 %undecided21, %undecided58
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index59 = add i64 %base, %j
  %element60 = getelementptr inbounds i8, i8* %2, i64 %row_index59
  store i8 %row_status, i8* %element60, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare61 = icmp ult i64 %next_j, %select
  br i1 %compare61, label %slow_head, label %chunk_tail

chunk_tail:                                       ; preds = %after_status
  %next_base = add i64 %base, %select
  br label %chunk_head

exit:                                             ; preds = %chunk_head
  ret i64 %undecided

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
  %and18 = and i1 %and, %or
  %flag = zext i1 %and18 to i8
  %element19 = getelementptr inbounds i8, i8* %flags, i64 %i
  store i8 %flag, i8* %element19, align 1
  %next_i = add i64 %i, 1
  %compare20 = icmp ult i64 %next_i, %select
  br i1 %compare20, label %fast_loop, label %slow_head

columns28:                                        ; preds = %columns28, %slow_row
  %column30 = phi i64 [ 0, %slow_row ], [ %next_column39, %columns28 ]
  %accumulator31 = phi i1 [ true, %slow_row ], [ %and38, %columns28 ]
  %element32 = getelementptr inbounds float, float* %element27, i64 %column30
  %value33 = load float, float* %element32, align 4
  %value34 = fpext float %value33 to double
  %element35 = getelementptr inbounds double, double* %scratch, i64 %column30
  store double %value34, double* %element35, align 8
  %call36 = call double @llvm.fabs.f64(double %value34)
  %compare37 = fcmp ole double %call36, 0x7FEFFFFFFFFFFFFF
  %and38 = and i1 %accumulator31, %compare37
  %next_column39 = add i64 %column30, 1
  %compare40 = icmp ult i64 %next_column39, 2
  br i1 %compare40, label %columns28, label %columns_done29

columns_done29:                                   ; preds = %columns28
  br i1 %and38, label %run, label %slow_next

columns45:                                        ; preds = %columns45, %write_back
  %column47 = phi i64 [ 0, %write_back ], [ %next_column54, %columns45 ]
  %accumulator48 = phi i1 [ false, %write_back ], [ %or53, %columns45 ]
  %element49 = getelementptr inbounds float, float* %element27, i64 %column47
  %old = load float, float* %element49, align 4
  %element50 = getelementptr inbounds double, double* %scratch, i64 %column47
  %new = load double, double* %element50, align 8
  %new51 = fptrunc double %new to float
  %old_bits = bitcast float %old to i32
  %new_bits = bitcast float %new51 to i32
  store float %new51, float* %element49, align 4
  %compare52 = icmp ne i32 %old_bits, %new_bits
  %or53 = or i1 %accumulator48, %compare52
  %next_column54 = add i64 %column47, 1
  %compare55 = icmp ult i64 %next_column54, 2
  br i1 %compare55, label %columns45, label %columns_done46

columns_done46:                                   ; preds = %columns45
  %written = zext i1 %or53 to i8
  %select56 = select i1 %compare43, i8 5, i8 %written
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

fast_loop:                                        ; preds = %columns_done, %chunk_body
  %i = phi i64 [ 0, %chunk_body ], [ %next_i, %columns_done ]
  %row_index = add i64 %base, %i
  %offset = mul i64 %row_index, 2
  %element = getelementptr inbounds double, double* %0, i64 %offset
  br label %columns

slow_head:                                        ; preds = %after_status, %columns_done
  %j = phi i64 [ 0, %columns_done ], [ %next_j, %after_status ]
  %undecided18 = phi i64 [ %undecided, %columns_done ], [ %next_count, %after_status ]
  %element19 = getelementptr inbounds i8, i8* %flags, i64 %j
  %flag20 = load i8, i8* %element19, align 1
  %compare21 = icmp ne i8 %flag20, 0
  br i1 %compare21, label %slow_next, label %slow_row

slow_row:                                         ; preds = %slow_head
  %row_index22 = add i64 %base, %j
  %offset23 = mul i64 %row_index22, 2
  %element24 = getelementptr inbounds double, double* %0, i64 %offset23
  br label %columns25

run:                                              ; preds = %columns_done26
  %call37 = call i8 @reqc_runtime_correct_row(i64* getelementptr inbounds ([36 x i64], [36 x i64]* @shield_integers, i32 0, i32 0), double* getelementptr inbounds ([6 x double], [6 x double]* @shield_reals, i32 0, i32 0), double* %scratch, i32 0)
  %compare38 = icmp eq i8 %call37, 0
  %compare39 = icmp eq i8 %call37, 5
  %or40 = or i1 %compare38, %compare39
  br i1 %or40, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns41

slow_next:                                        ; preds = %columns_done42, %run, %columns_done26, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done26 ], [ %call37, %run ], [ %select51, %columns_done42 ]
  %compare52 = icmp eq i8 %row_status, 3
  %undecided53 = zext i1 %compare52 to i64
  %next_count = add i64 %undecided18, %undecided53
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index54 = add i64 %base, %j
  %element55 = getelementptr inbounds i8, i8* %2, i64 %row_index54
  store i8 %row_status, i8* %element55, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare56 = icmp ult i64 %next_j, %select
  br i1 %compare56, label %slow_head, label %chunk_tail

chunk_tail:                                       ; preds = %after_status
  %next_base = add i64 %base, %select
  br label %chunk_head

exit:                                             ; preds = %chunk_head
  ret i64 %undecided

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
  %and15 = and i1 %and, %or
  %flag = zext i1 %and15 to i8
  %element16 = getelementptr inbounds i8, i8* %flags, i64 %i
  store i8 %flag, i8* %element16, align 1
  %next_i = add i64 %i, 1
  %compare17 = icmp ult i64 %next_i, %select
  br i1 %compare17, label %fast_loop, label %slow_head

columns25:                                        ; preds = %columns25, %slow_row
  %column27 = phi i64 [ 0, %slow_row ], [ %next_column35, %columns25 ]
  %accumulator28 = phi i1 [ true, %slow_row ], [ %and34, %columns25 ]
  %element29 = getelementptr inbounds double, double* %element24, i64 %column27
  %value30 = load double, double* %element29, align 8
  %element31 = getelementptr inbounds double, double* %scratch, i64 %column27
  store double %value30, double* %element31, align 8
  %call32 = call double @llvm.fabs.f64(double %value30)
  %compare33 = fcmp ole double %call32, 0x7FEFFFFFFFFFFFFF
  %and34 = and i1 %accumulator28, %compare33
  %next_column35 = add i64 %column27, 1
  %compare36 = icmp ult i64 %next_column35, 2
  br i1 %compare36, label %columns25, label %columns_done26

columns_done26:                                   ; preds = %columns25
  br i1 %and34, label %run, label %slow_next

columns41:                                        ; preds = %columns41, %write_back
  %column43 = phi i64 [ 0, %write_back ], [ %next_column49, %columns41 ]
  %accumulator44 = phi i1 [ false, %write_back ], [ %or48, %columns41 ]
  %element45 = getelementptr inbounds double, double* %element24, i64 %column43
  %old = load double, double* %element45, align 8
  %element46 = getelementptr inbounds double, double* %scratch, i64 %column43
  %new = load double, double* %element46, align 8
  %old_bits = bitcast double %old to i64
  %new_bits = bitcast double %new to i64
  store double %new, double* %element45, align 8
  %compare47 = icmp ne i64 %old_bits, %new_bits
  %or48 = or i1 %accumulator44, %compare47
  %next_column49 = add i64 %column43, 1
  %compare50 = icmp ult i64 %next_column49, 2
  br i1 %compare50, label %columns41, label %columns_done42

columns_done42:                                   ; preds = %columns41
  %written = zext i1 %or48 to i8
  %select51 = select i1 %compare39, i8 5, i8 %written
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
