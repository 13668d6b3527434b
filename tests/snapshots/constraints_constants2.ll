; ModuleID = 'reqc_shield'
source_filename = "reqc_shield"

@version_text = private unnamed_addr constant [25 x i8] c"reqc 0.1.0; kernel ABI 1\00", align 1

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare double @llvm.fma.f64(double, double, double) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare double @llvm.fabs.f64(double) #0

; Function Attrs: cold noinline
define internal i8 @holds_0(double* %0) #1 {
entry:
  %element = getelementptr inbounds double, double* %0, i64 0
  %value = load double, double* %element, align 8
  %product = fmul double 1.000000e+00, %value
  %sum = fadd double -7.000000e+00, %product
  %call = call double @llvm.fabs.f64(double %product)
  %magnitude = fadd double 7.000000e+00, %call
  %element1 = getelementptr inbounds double, double* %0, i64 1
  %value2 = load double, double* %element1, align 8
  %product3 = fmul double 1.000000e+00, %value2
  %sum4 = fadd double %sum, %product3
  %call5 = call double @llvm.fabs.f64(double %product3)
  %magnitude6 = fadd double %magnitude, %call5
  %scaled = fmul double 0x3CE0000000000000, %magnitude6
  %error = fadd double %scaled, 1.976260e-323
  %compare = fcmp ogt double %sum4, %error
  br i1 %compare, label %holds, label %test_fails

holds:                                            ; preds = %entry
  ret i8 1

test_fails:                                       ; preds = %entry
  %negative = fneg double %error
  %compare7 = fcmp olt double %sum4, %negative
  br i1 %compare7, label %fails, label %exact

fails:                                            ; preds = %dot2_test_fails, %test_fails
  ret i8 0

exact:                                            ; preds = %test_fails
  %element8 = getelementptr inbounds double, double* %0, i64 0
  %value9 = load double, double* %element8, align 8
  %product10 = fmul double 1.000000e+00, %value9
  %negated = fneg double %product10
  %call11 = call double @llvm.fma.f64(double 1.000000e+00, double %value9, double %negated)
  %two_sum = fadd double -7.000000e+00, %product10
  %virtual_b = fsub double %two_sum, -7.000000e+00
  %virtual_a = fsub double %two_sum, %virtual_b
  %round_a = fsub double -7.000000e+00, %virtual_a
  %round_b = fsub double %product10, %virtual_b
  %two_sum_error = fadd double %round_a, %round_b
  %errors = fadd double %two_sum_error, %call11
  %correction = fadd double 0.000000e+00, %errors
  %call12 = call double @llvm.fabs.f64(double %product10)
  %magnitude13 = fadd double 7.000000e+00, %call12
  %element14 = getelementptr inbounds double, double* %0, i64 1
  %value15 = load double, double* %element14, align 8
  %product16 = fmul double 1.000000e+00, %value15
  %negated17 = fneg double %product16
  %call18 = call double @llvm.fma.f64(double 1.000000e+00, double %value15, double %negated17)
  %two_sum19 = fadd double %two_sum, %product16
  %virtual_b20 = fsub double %two_sum19, %two_sum
  %virtual_a21 = fsub double %two_sum19, %virtual_b20
  %round_a22 = fsub double %two_sum, %virtual_a21
  %round_b23 = fsub double %product16, %virtual_b20
  %two_sum_error24 = fadd double %round_a22, %round_b23
  %errors25 = fadd double %two_sum_error24, %call18
  %correction26 = fadd double %correction, %errors25
  %call27 = call double @llvm.fabs.f64(double %product16)
  %magnitude28 = fadd double %magnitude13, %call27
  %dot2 = fadd double %two_sum19, %correction26
  %call29 = call double @llvm.fabs.f64(double %dot2)
  %relative = fmul double 0x3CB0000000000000, %call29
  %absolute = fmul double 0x39A2000000000000, %magnitude28
  %bound = fadd double %relative, %absolute
  %bound30 = fadd double %bound, 5.928790e-323
  %call31 = call double @llvm.fabs.f64(double %magnitude28)
  %compare32 = fcmp ole double %call31, 0x7FEFFFFFFFFFFFFF
  %select = select i1 %compare32, double %bound30, double 0x7FF8000000000000
  %compare33 = fcmp ogt double %dot2, %select
  br i1 %compare33, label %dot2_holds, label %dot2_test_fails

dot2_holds:                                       ; preds = %exact
  ret i8 1

dot2_test_fails:                                  ; preds = %exact
  %negative34 = fneg double %select
  %compare35 = fcmp olt double %dot2, %negative34
  br i1 %compare35, label %fails, label %expansion

expansion:                                        ; preds = %dot2_test_fails
  %element36 = getelementptr inbounds double, double* %0, i64 0
  %value37 = load double, double* %element36, align 8
  %product38 = fmul double 1.000000e+00, %value37
  %negated39 = fneg double %product38
  %call40 = call double @llvm.fma.f64(double 1.000000e+00, double %value37, double %negated39)
  %call41 = call double @llvm.fabs.f64(double %product38)
  %compare42 = fcmp ole double %call41, 1.000000e+300
  %not = xor i1 %compare42, true
  %or = or i1 false, %not
  %two_sum43 = fadd double %product38, -7.000000e+00
  %virtual_b44 = fsub double %two_sum43, %product38
  %virtual_a45 = fsub double %two_sum43, %virtual_b44
  %round_a46 = fsub double %product38, %virtual_a45
  %round_b47 = fsub double -7.000000e+00, %virtual_b44
  %two_sum_error48 = fadd double %round_a46, %round_b47
  %two_sum49 = fadd double %call40, %two_sum_error48
  %virtual_b50 = fsub double %two_sum49, %call40
  %virtual_a51 = fsub double %two_sum49, %virtual_b50
  %round_a52 = fsub double %call40, %virtual_a51
  %round_b53 = fsub double %two_sum_error48, %virtual_b50
  %two_sum_error54 = fadd double %round_a52, %round_b53
  %two_sum55 = fadd double %two_sum49, %two_sum43
  %virtual_b56 = fsub double %two_sum55, %two_sum49
  %virtual_a57 = fsub double %two_sum55, %virtual_b56
  %round_a58 = fsub double %two_sum49, %virtual_a57
  %round_b59 = fsub double %two_sum43, %virtual_b56
  %two_sum_error60 = fadd double %round_a58, %round_b59
  %element61 = getelementptr inbounds double, double* %0, i64 1
  %value62 = load double, double* %element61, align 8
  %product63 = fmul double 1.000000e+00, %value62
  %negated64 = fneg double %product63
  %call65 = call double @llvm.fma.f64(double 1.000000e+00, double %value62, double %negated64)
  %call66 = call double @llvm.fabs.f64(double %product63)
  %compare67 = fcmp ole double %call66, 1.000000e+300
  %not68 = xor i1 %compare67, true
  %or69 = or i1 %or, %not68
  %two_sum70 = fadd double %product63, %two_sum_error54
  %virtual_b71 = fsub double %two_sum70, %product63
  %virtual_a72 = fsub double %two_sum70, %virtual_b71
  %round_a73 = fsub double %product63, %virtual_a72
  %round_b74 = fsub double %two_sum_error54, %virtual_b71
  %two_sum_error75 = fadd double %round_a73, %round_b74
  %two_sum76 = fadd double %two_sum70, %two_sum_error60
  %virtual_b77 = fsub double %two_sum76, %two_sum70
  %virtual_a78 = fsub double %two_sum76, %virtual_b77
  %round_a79 = fsub double %two_sum70, %virtual_a78
  %round_b80 = fsub double %two_sum_error60, %virtual_b77
  %two_sum_error81 = fadd double %round_a79, %round_b80
  %two_sum82 = fadd double %two_sum76, %two_sum55
  %virtual_b83 = fsub double %two_sum82, %two_sum76
  %virtual_a84 = fsub double %two_sum82, %virtual_b83
  %round_a85 = fsub double %two_sum76, %virtual_a84
  %round_b86 = fsub double %two_sum55, %virtual_b83
  %two_sum_error87 = fadd double %round_a85, %round_b86
  %two_sum88 = fadd double %call65, %two_sum_error75
  %virtual_b89 = fsub double %two_sum88, %call65
  %virtual_a90 = fsub double %two_sum88, %virtual_b89
  %round_a91 = fsub double %call65, %virtual_a90
  %round_b92 = fsub double %two_sum_error75, %virtual_b89
  %two_sum_error93 = fadd double %round_a91, %round_b92
  %two_sum94 = fadd double %two_sum88, %two_sum_error81
  %virtual_b95 = fsub double %two_sum94, %two_sum88
  %virtual_a96 = fsub double %two_sum94, %virtual_b95
  %round_a97 = fsub double %two_sum88, %virtual_a96
  %round_b98 = fsub double %two_sum_error81, %virtual_b95
  %two_sum_error99 = fadd double %round_a97, %round_b98
  %two_sum100 = fadd double %two_sum94, %two_sum_error87
  %virtual_b101 = fsub double %two_sum100, %two_sum94
  %virtual_a102 = fsub double %two_sum100, %virtual_b101
  %round_a103 = fsub double %two_sum94, %virtual_a102
  %round_b104 = fsub double %two_sum_error87, %virtual_b101
  %two_sum_error105 = fadd double %round_a103, %round_b104
  %two_sum106 = fadd double %two_sum100, %two_sum82
  %virtual_b107 = fsub double %two_sum106, %two_sum100
  %virtual_a108 = fsub double %two_sum106, %virtual_b107
  %round_a109 = fsub double %two_sum100, %virtual_a108
  %round_b110 = fsub double %two_sum82, %virtual_b107
  %two_sum_error111 = fadd double %round_a109, %round_b110
  %compare112 = fcmp une double %two_sum_error93, 0.000000e+00
  %select113 = select i1 %compare112, double %two_sum_error93, double 0.000000e+00
  %compare114 = fcmp une double %two_sum_error99, 0.000000e+00
  %select115 = select i1 %compare114, double %two_sum_error99, double %select113
  %compare116 = fcmp une double %two_sum_error105, 0.000000e+00
  %select117 = select i1 %compare116, double %two_sum_error105, double %select115
  %compare118 = fcmp une double %two_sum_error111, 0.000000e+00
  %select119 = select i1 %compare118, double %two_sum_error111, double %select117
  %compare120 = fcmp une double %two_sum106, 0.000000e+00
  %select121 = select i1 %compare120, double %two_sum106, double %select119
  %call122 = call double @llvm.fabs.f64(double %select121)
  %compare123 = fcmp ole double %call122, 0x7FEFFFFFFFFFFFFF
  %not124 = xor i1 %compare123, true
  %or125 = or i1 %or69, %not124
  %compare126 = fcmp oge double %select121, 0.000000e+00
  %truth = zext i1 %compare126 to i8
  %select127 = select i1 %or125, i8 2, i8 %truth
  ret i8 %select127
}

; Function Attrs: cold noinline
define internal i64 @boundary_0_f32(double* %0) #1 {
entry:
  %element = getelementptr inbounds double, double* %0, i64 0
  %saved = load double, double* %element, align 8
  %element1 = getelementptr inbounds double, double* %0, i64 1
  %value = load double, double* %element1, align 8
  %negated = fneg double %value
  %product = fmul double 1.000000e+00, %negated
  %minus_product = fneg double %product
  %call = call double @llvm.fma.f64(double 1.000000e+00, double %negated, double %minus_product)
  %two_sum = fadd double 7.000000e+00, %product
  %virtual_b = fsub double %two_sum, 7.000000e+00
  %virtual_a = fsub double %two_sum, %virtual_b
  %round_a = fsub double 7.000000e+00, %virtual_a
  %round_b = fsub double %product, %virtual_b
  %two_sum_error = fadd double %round_a, %round_b
  %errors = fadd double %two_sum_error, %call
  %correction = fadd double 0.000000e+00, %errors
  %rest = fadd double %two_sum, %correction
  %estimate = fdiv double %rest, 1.000000e+00
  %single = fptrunc double %estimate to float
  %estimate2 = fpext float %single to double
  %compare = fcmp uno double %estimate2, %estimate2
  %call3 = call double @llvm.fabs.f64(double %estimate2)
  %compare4 = fcmp oeq double %call3, 0x7FF0000000000000
  %compare5 = fcmp ogt double %estimate2, 0.000000e+00
  %single6 = fptrunc double %estimate2 to float
  %bits = bitcast float %single6 to i32
  %compare7 = icmp slt i32 %bits, 0
  %magnitude = and i32 %bits, 2147483647
  %negated8 = sub i32 0, %magnitude
  %select = select i1 %compare7, i32 %negated8, i32 %bits
  %key = sext i32 %select to i64
  %select9 = select i1 %compare5, i64 2139095039, i64 -2139095039
  %select10 = select i1 %compare4, i64 %select9, i64 %key
  %select11 = select i1 %compare, i64 0, i64 %select10
  %t0 = mul i64 %select11, 1
  %key12 = mul i64 %t0, 1
  %compare13 = icmp slt i64 %key12, 0
  %negated14 = sub i64 0, %key12
  %select15 = select i1 %compare13, i64 %negated14, i64 %key12
  %narrow = trunc i64 %select15 to i32
  %single16 = bitcast i32 %narrow to float
  %value17 = fpext float %single16 to double
  %negative = fneg double %value17
  %select18 = select i1 %compare13, double %negative, double %value17
  store double %select18, double* %element, align 8
  %call19 = call i8 @holds_0(double* %0)
  %compare20 = icmp eq i8 %call19, 2
  %compare21 = icmp eq i8 %call19, 1
  br i1 %compare20, label %exit, label %decided

decided:                                          ; preds = %entry
  br i1 %compare21, label %gallop_down, label %gallop_up

gallop_down:                                      ; preds = %down_more, %decided
  %high = phi i64 [ %t0, %decided ], [ %select23, %down_more ]
  %step = phi i64 [ 1, %decided ], [ %select38, %down_more ]
  %room = sub i64 %high, -2139095039
  %compare22 = icmp uge i64 %step, %room
  %stepped = sub i64 %high, %step
  %select23 = select i1 %compare22, i64 -2139095039, i64 %stepped
  %key24 = mul i64 %select23, 1
  %compare25 = icmp slt i64 %key24, 0
  %negated26 = sub i64 0, %key24
  %select27 = select i1 %compare25, i64 %negated26, i64 %key24
  %narrow28 = trunc i64 %select27 to i32
  %single29 = bitcast i32 %narrow28 to float
  %value30 = fpext float %single29 to double
  %negative31 = fneg double %value30
  %select32 = select i1 %compare25, double %negative31, double %value30
  store double %select32, double* %element, align 8
  %call33 = call i8 @holds_0(double* %0)
  %compare34 = icmp eq i8 %call33, 2
  %compare35 = icmp eq i8 %call33, 0
  %compare36 = icmp eq i64 %select23, -2139095039
  br i1 %compare34, label %exit, label %down_decided

gallop_up:                                        ; preds = %up_more, %decided
  %low = phi i64 [ %t0, %decided ], [ %select43, %up_more ]
  %step39 = phi i64 [ 1, %decided ], [ %select59, %up_more ]
  %room40 = sub i64 2139095039, %low
  %compare41 = icmp uge i64 %step39, %room40
  %stepped42 = add i64 %low, %step39
  %select43 = select i1 %compare41, i64 2139095039, i64 %stepped42
  %key44 = mul i64 %select43, 1
  %compare45 = icmp slt i64 %key44, 0
  %negated46 = sub i64 0, %key44
  %select47 = select i1 %compare45, i64 %negated46, i64 %key44
  %narrow48 = trunc i64 %select47 to i32
  %single49 = bitcast i32 %narrow48 to float
  %value50 = fpext float %single49 to double
  %negative51 = fneg double %value50
  %select52 = select i1 %compare45, double %negative51, double %value50
  store double %select52, double* %element, align 8
  %call53 = call i8 @holds_0(double* %0)
  %compare54 = icmp eq i8 %call53, 2
  %compare55 = icmp eq i8 %call53, 1
  %compare56 = icmp eq i64 %select43, 2139095039
  br i1 %compare54, label %exit, label %up_decided

bisect:                                           ; preds = %bisect_step, %up_found, %down_found
  %failing = phi i64 [ %select23, %down_found ], [ %low, %up_found ], [ %select73, %bisect_step ]
  %holding = phi i64 [ %high, %down_found ], [ %select43, %up_found ], [ %select74, %bisect_step ]
  %width = sub i64 %holding, %failing
  %compare60 = icmp ule i64 %width, 1
  %found = mul i64 %holding, 1
  br i1 %compare60, label %exit, label %bisect_step

bisect_step:                                      ; preds = %bisect
  %half = lshr i64 %width, 1
  %middle = add i64 %failing, %half
  %key61 = mul i64 %middle, 1
  %compare62 = icmp slt i64 %key61, 0
  %negated63 = sub i64 0, %key61
  %select64 = select i1 %compare62, i64 %negated63, i64 %key61
  %narrow65 = trunc i64 %select64 to i32
  %single66 = bitcast i32 %narrow65 to float
  %value67 = fpext float %single66 to double
  %negative68 = fneg double %value67
  %select69 = select i1 %compare62, double %negative68, double %value67
  store double %select69, double* %element, align 8
  %call70 = call i8 @holds_0(double* %0)
  %compare71 = icmp eq i8 %call70, 2
  %compare72 = icmp eq i8 %call70, 1
  %select73 = select i1 %compare72, i64 %failing, i64 %middle
  %select74 = select i1 %compare72, i64 %middle, i64 %holding
  br i1 %compare71, label %exit, label %bisect

exit:                                             ; preds = %bisect_step, %bisect, %up_more, %gallop_up, %down_more, %gallop_down, %entry
  %result = phi i64 [ -9223372036854775808, %entry ], [ -9223372036854775808, %gallop_down ], [ -2139095039, %down_more ], [ -9223372036854775808, %gallop_up ], [ -9223372036854775807, %up_more ], [ %found, %bisect ], [ -9223372036854775808, %bisect_step ]
  store double %saved, double* %element, align 8
  ret i64 %result

down_more:                                        ; preds = %down_decided
  %doubled = mul i64 %step, 2
  %compare37 = icmp sgt i64 %doubled, 4611686018427387904
  %select38 = select i1 %compare37, i64 4611686018427387904, i64 %doubled
  br i1 %compare36, label %exit, label %gallop_down

down_found:                                       ; preds = %down_decided
  br label %bisect

down_decided:                                     ; preds = %gallop_down
  br i1 %compare35, label %down_found, label %down_more

up_more:                                          ; preds = %up_decided
  %doubled57 = mul i64 %step39, 2
  %compare58 = icmp sgt i64 %doubled57, 4611686018427387904
  %select59 = select i1 %compare58, i64 4611686018427387904, i64 %doubled57
  br i1 %compare56, label %exit, label %gallop_up

up_found:                                         ; preds = %up_decided
  br label %bisect

up_decided:                                       ; preds = %gallop_up
  br i1 %compare55, label %up_found, label %up_more
}

; Function Attrs: cold noinline
define internal i8 @correct_row_f32(double* %0) #1 {
entry:
  %element = getelementptr inbounds double, double* %0, i64 1
  %target = load double, double* %element, align 8
  br i1 false, label %undecided, label %level_decided

undecided:                                        ; preds = %choose102, %level_fix54, %level_done, %choose, %level_fix, %entry
  ret i8 3

impossible:                                       ; No predecessors!
  ret i8 2

level_decided:                                    ; preds = %entry
  br i1 true, label %level_done, label %level_fix

level_fix:                                        ; preds = %level_decided
  br i1 false, label %undecided, label %gaps_known

level_done:                                       ; preds = %store, %gaps_known, %level_decided
  %element42 = getelementptr inbounds double, double* %0, i64 0
  %target43 = load double, double* %element42, align 8
  %call44 = call i8 @holds_0(double* %0)
  %compare45 = icmp eq i8 %call44, 1
  %or46 = or i1 false, %compare45
  %compare47 = icmp eq i8 %call44, 2
  %or48 = or i1 false, %compare47
  %not49 = xor i1 %or46, true
  %and50 = and i1 %or48, %not49
  %and51 = and i1 true, %or46
  %or52 = or i1 false, %and50
  br i1 %or52, label %undecided, label %level_decided53

gaps_known:                                       ; preds = %level_fix
  %single = fptrunc double %target to float
  %bits = bitcast float %single to i32
  %compare = icmp slt i32 %bits, 0
  %magnitude = and i32 %bits, 2147483647
  %negated = sub i32 0, %magnitude
  %select = select i1 %compare, i32 %negated, i32 %bits
  %key = sext i32 %select to i64
  %first_below = sub i64 %key, 1
  %first_above = add i64 %key, 1
  br i1 false, label %walk_down, label %level_done

walk_down:                                        ; preds = %walk_down, %gaps_known
  %below = phi i64 [ %first_below, %gaps_known ], [ %below, %walk_down ]
  %compare1 = icmp eq i64 %below, %below
  %compare2 = icmp slt i64 %below, -2139095039
  %or = or i1 %compare1, %compare2
  br i1 %or, label %walk_up, label %walk_down

walk_up:                                          ; preds = %walk_up, %walk_down
  %above = phi i64 [ %first_above, %walk_down ], [ %above, %walk_up ]
  %compare3 = icmp eq i64 %above, %above
  %compare4 = icmp sgt i64 %above, 2139095039
  %or5 = or i1 %compare3, %compare4
  br i1 %or5, label %choose, label %walk_up

choose:                                           ; preds = %walk_up
  %compare6 = icmp sge i64 %below, -2139095039
  %compare7 = icmp sle i64 %above, 2139095039
  %compare8 = icmp slt i64 %below, 0
  %negated9 = sub i64 0, %below
  %select10 = select i1 %compare8, i64 %negated9, i64 %below
  %narrow = trunc i64 %select10 to i32
  %single11 = bitcast i32 %narrow to float
  %value = fpext float %single11 to double
  %negative = fneg double %value
  %select12 = select i1 %compare8, double %negative, double %value
  %compare13 = icmp slt i64 %above, 0
  %negated14 = sub i64 0, %above
  %select15 = select i1 %compare13, i64 %negated14, i64 %above
  %narrow16 = trunc i64 %select15 to i32
  %single17 = bitcast i32 %narrow16 to float
  %value18 = fpext float %single17 to double
  %negative19 = fneg double %value18
  %select20 = select i1 %compare13, double %negative19, double %value18
  %negative_low = fneg double %select12
  %negative_target = fneg double %target
  %two_sum = fadd double %target, %negative_low
  %virtual_b = fsub double %two_sum, %target
  %virtual_a = fsub double %two_sum, %virtual_b
  %round_a = fsub double %target, %virtual_a
  %round_b = fsub double %negative_low, %virtual_b
  %two_sum_error = fadd double %round_a, %round_b
  %two_sum21 = fadd double %select20, %negative_target
  %virtual_b22 = fsub double %two_sum21, %select20
  %virtual_a23 = fsub double %two_sum21, %virtual_b22
  %round_a24 = fsub double %select20, %virtual_a23
  %round_b25 = fsub double %negative_target, %virtual_b22
  %two_sum_error26 = fadd double %round_a24, %round_b25
  %compare27 = fcmp olt double %two_sum, %two_sum21
  %compare28 = fcmp oeq double %two_sum, %two_sum21
  %compare29 = fcmp ole double %two_sum_error, %two_sum_error26
  %and = and i1 %compare28, %compare29
  %or30 = or i1 %compare27, %and
  %call = call double @llvm.fabs.f64(double %two_sum)
  %call31 = call double @llvm.fabs.f64(double %two_sum21)
  %compare32 = fcmp ole double %call, 0x7FEFFFFFFFFFFFFF
  %compare33 = fcmp ole double %call31, 0x7FEFFFFFFFFFFFFF
  %and34 = and i1 %compare32, %compare33
  %and35 = and i1 %compare6, %compare7
  %select36 = select i1 %and35, i1 %or30, i1 %compare6
  %select37 = select i1 %select36, double %select12, double %select20
  %or38 = or i1 %compare6, %compare7
  %not = xor i1 %or38, true
  %not39 = xor i1 %and34, true
  %and40 = and i1 %and35, %not39
  %or41 = or i1 %not, %and40
  br i1 %or41, label %undecided, label %store

store:                                            ; preds = %choose
  store double %select37, double* %element, align 8
  br label %level_done

level_decided53:                                  ; preds = %level_done
  br i1 %and51, label %level_done55, label %level_fix54

level_fix54:                                      ; preds = %level_decided53
  %call56 = call i64 @boundary_0_f32(double* %0)
  %compare57 = icmp eq i64 %call56, -9223372036854775808
  %or58 = or i1 false, %compare57
  %compare59 = icmp eq i64 %call56, -9223372036854775807
  %select60 = select i1 %compare59, i64 2139095040, i64 %call56
  %compare61 = icmp slt i64 %select60, 2139095040
  %select62 = select i1 %compare61, i64 %select60, i64 2139095040
  %end = sub i64 %select62, 1
  %compare63 = icmp sle i64 -2139095039, %end
  %and64 = and i1 %compare63, true
  %select65 = select i1 %and64, i64 -2139095039, i64 9223372036854775807
  %select66 = select i1 %and64, i64 %end, i64 -9223372036854775808
  %and67 = and i1 %or58, true
  %or68 = or i1 false, %and67
  br i1 %or68, label %undecided, label %gaps_known69

level_done55:                                     ; preds = %store153, %gaps_known69, %level_decided53
  ret i8 0

gaps_known69:                                     ; preds = %level_fix54
  %single70 = fptrunc double %target43 to float
  %bits71 = bitcast float %single70 to i32
  %compare72 = icmp slt i32 %bits71, 0
  %magnitude73 = and i32 %bits71, 2147483647
  %negated74 = sub i32 0, %magnitude73
  %select75 = select i1 %compare72, i32 %negated74, i32 %bits71
  %key76 = sext i32 %select75 to i64
  %compare77 = icmp sle i64 %select65, %key76
  %compare78 = icmp sle i64 %key76, %select66
  %and79 = and i1 %compare77, %compare78
  %or80 = or i1 false, %and79
  %first_below81 = sub i64 %key76, 1
  %first_above82 = add i64 %key76, 1
  br i1 %or80, label %walk_down83, label %level_done55

walk_down83:                                      ; preds = %walk_down83, %gaps_known69
  %below84 = phi i64 [ %first_below81, %gaps_known69 ], [ %select88, %walk_down83 ]
  %compare85 = icmp sle i64 %select65, %below84
  %compare86 = icmp sle i64 %below84, %select66
  %and87 = and i1 %compare85, %compare86
  %jumped = sub i64 %select65, 1
  %select88 = select i1 %and87, i64 %jumped, i64 %below84
  %compare89 = icmp eq i64 %select88, %below84
  %compare90 = icmp slt i64 %select88, -2139095039
  %or91 = or i1 %compare89, %compare90
  br i1 %or91, label %walk_up92, label %walk_down83

walk_up92:                                        ; preds = %walk_up92, %walk_down83
  %above93 = phi i64 [ %first_above82, %walk_down83 ], [ %select98, %walk_up92 ]
  %compare94 = icmp sle i64 %select65, %above93
  %compare95 = icmp sle i64 %above93, %select66
  %and96 = and i1 %compare94, %compare95
  %jumped97 = add i64 %select66, 1
  %select98 = select i1 %and96, i64 %jumped97, i64 %above93
  %compare99 = icmp eq i64 %select98, %above93
  %compare100 = icmp sgt i64 %select98, 2139095039
  %or101 = or i1 %compare99, %compare100
  br i1 %or101, label %choose102, label %walk_up92

choose102:                                        ; preds = %walk_up92
  %compare103 = icmp sge i64 %select88, -2139095039
  %compare104 = icmp sle i64 %select98, 2139095039
  %compare105 = icmp slt i64 %select88, 0
  %negated106 = sub i64 0, %select88
  %select107 = select i1 %compare105, i64 %negated106, i64 %select88
  %narrow108 = trunc i64 %select107 to i32
  %single109 = bitcast i32 %narrow108 to float
  %value110 = fpext float %single109 to double
  %negative111 = fneg double %value110
  %select112 = select i1 %compare105, double %negative111, double %value110
  %compare113 = icmp slt i64 %select98, 0
  %negated114 = sub i64 0, %select98
  %select115 = select i1 %compare113, i64 %negated114, i64 %select98
  %narrow116 = trunc i64 %select115 to i32
  %single117 = bitcast i32 %narrow116 to float
  %value118 = fpext float %single117 to double
  %negative119 = fneg double %value118
  %select120 = select i1 %compare113, double %negative119, double %value118
  %negative_low121 = fneg double %select112
  %negative_target122 = fneg double %target43
  %two_sum123 = fadd double %target43, %negative_low121
  %virtual_b124 = fsub double %two_sum123, %target43
  %virtual_a125 = fsub double %two_sum123, %virtual_b124
  %round_a126 = fsub double %target43, %virtual_a125
  %round_b127 = fsub double %negative_low121, %virtual_b124
  %two_sum_error128 = fadd double %round_a126, %round_b127
  %two_sum129 = fadd double %select120, %negative_target122
  %virtual_b130 = fsub double %two_sum129, %select120
  %virtual_a131 = fsub double %two_sum129, %virtual_b130
  %round_a132 = fsub double %select120, %virtual_a131
  %round_b133 = fsub double %negative_target122, %virtual_b130
  %two_sum_error134 = fadd double %round_a132, %round_b133
  %compare135 = fcmp olt double %two_sum123, %two_sum129
  %compare136 = fcmp oeq double %two_sum123, %two_sum129
  %compare137 = fcmp ole double %two_sum_error128, %two_sum_error134
  %and138 = and i1 %compare136, %compare137
  %or139 = or i1 %compare135, %and138
  %call140 = call double @llvm.fabs.f64(double %two_sum123)
  %call141 = call double @llvm.fabs.f64(double %two_sum129)
  %compare142 = fcmp ole double %call140, 0x7FEFFFFFFFFFFFFF
  %compare143 = fcmp ole double %call141, 0x7FEFFFFFFFFFFFFF
  %and144 = and i1 %compare142, %compare143
  %and145 = and i1 %compare103, %compare104
  %select146 = select i1 %and145, i1 %or139, i1 %compare103
  %select147 = select i1 %select146, double %select112, double %select120
  %or148 = or i1 %compare103, %compare104
  %not149 = xor i1 %or148, true
  %not150 = xor i1 %and144, true
  %and151 = and i1 %and145, %not150
  %or152 = or i1 %not149, %and151
  br i1 %or152, label %undecided, label %store153

store153:                                         ; preds = %choose102
  store double %select147, double* %element42, align 8
  br label %level_done55
}

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
  %call41 = call i8 @correct_row_f32(double* %scratch)
  %compare42 = icmp eq i8 %call41, 0
  br i1 %compare42, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns43

slow_next:                                        ; preds = %columns_done44, %run, %columns_done29, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done29 ], [ %call41, %run ], [ %written, %columns_done44 ]
  %compare54 = icmp eq i8 %row_status, 3
  %undecided55 = zext i1 %compare54 to i64
  %next_count = add i64 %undecided21, %undecided55
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index56 = add i64 %base, %j
  %element57 = getelementptr inbounds i8, i8* %2, i64 %row_index56
  store i8 %row_status, i8* %element57, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare58 = icmp ult i64 %next_j, %select
  br i1 %compare58, label %slow_head, label %chunk_tail

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

columns43:                                        ; preds = %columns43, %write_back
  %column45 = phi i64 [ 0, %write_back ], [ %next_column52, %columns43 ]
  %accumulator46 = phi i1 [ false, %write_back ], [ %or51, %columns43 ]
  %element47 = getelementptr inbounds float, float* %element27, i64 %column45
  %old = load float, float* %element47, align 4
  %element48 = getelementptr inbounds double, double* %scratch, i64 %column45
  %new = load double, double* %element48, align 8
  %new49 = fptrunc double %new to float
  %old_bits = bitcast float %old to i32
  %new_bits = bitcast float %new49 to i32
  store float %new49, float* %element47, align 4
  %compare50 = icmp ne i32 %old_bits, %new_bits
  %or51 = or i1 %accumulator46, %compare50
  %next_column52 = add i64 %column45, 1
  %compare53 = icmp ult i64 %next_column52, 2
  br i1 %compare53, label %columns43, label %columns_done44

columns_done44:                                   ; preds = %columns43
  %written = zext i1 %or51 to i8
  br label %slow_next
}

; Function Attrs: cold noinline
define internal i64 @boundary_0_f64(double* %0) #1 {
entry:
  %element = getelementptr inbounds double, double* %0, i64 0
  %saved = load double, double* %element, align 8
  %element1 = getelementptr inbounds double, double* %0, i64 1
  %value = load double, double* %element1, align 8
  %negated = fneg double %value
  %product = fmul double 1.000000e+00, %negated
  %minus_product = fneg double %product
  %call = call double @llvm.fma.f64(double 1.000000e+00, double %negated, double %minus_product)
  %two_sum = fadd double 7.000000e+00, %product
  %virtual_b = fsub double %two_sum, 7.000000e+00
  %virtual_a = fsub double %two_sum, %virtual_b
  %round_a = fsub double 7.000000e+00, %virtual_a
  %round_b = fsub double %product, %virtual_b
  %two_sum_error = fadd double %round_a, %round_b
  %errors = fadd double %two_sum_error, %call
  %correction = fadd double 0.000000e+00, %errors
  %rest = fadd double %two_sum, %correction
  %estimate = fdiv double %rest, 1.000000e+00
  %compare = fcmp uno double %estimate, %estimate
  %call2 = call double @llvm.fabs.f64(double %estimate)
  %compare3 = fcmp oeq double %call2, 0x7FF0000000000000
  %compare4 = fcmp ogt double %estimate, 0.000000e+00
  %bits = bitcast double %estimate to i64
  %compare5 = icmp slt i64 %bits, 0
  %magnitude = and i64 %bits, 9223372036854775807
  %negated6 = sub i64 0, %magnitude
  %select = select i1 %compare5, i64 %negated6, i64 %bits
  %select7 = select i1 %compare4, i64 9218868437227405311, i64 -9218868437227405311
  %select8 = select i1 %compare3, i64 %select7, i64 %select
  %select9 = select i1 %compare, i64 0, i64 %select8
  %t0 = mul i64 %select9, 1
  %key = mul i64 %t0, 1
  %compare10 = icmp slt i64 %key, 0
  %negated11 = sub i64 0, %key
  %select12 = select i1 %compare10, i64 %negated11, i64 %key
  %value13 = bitcast i64 %select12 to double
  %negative = fneg double %value13
  %select14 = select i1 %compare10, double %negative, double %value13
  store double %select14, double* %element, align 8
  %call15 = call i8 @holds_0(double* %0)
  %compare16 = icmp eq i8 %call15, 2
  %compare17 = icmp eq i8 %call15, 1
  br i1 %compare16, label %exit, label %decided

decided:                                          ; preds = %entry
  br i1 %compare17, label %gallop_down, label %gallop_up

gallop_down:                                      ; preds = %down_more, %decided
  %high = phi i64 [ %t0, %decided ], [ %select19, %down_more ]
  %step = phi i64 [ 1, %decided ], [ %select32, %down_more ]
  %room = sub i64 %high, -9218868437227405311
  %compare18 = icmp uge i64 %step, %room
  %stepped = sub i64 %high, %step
  %select19 = select i1 %compare18, i64 -9218868437227405311, i64 %stepped
  %key20 = mul i64 %select19, 1
  %compare21 = icmp slt i64 %key20, 0
  %negated22 = sub i64 0, %key20
  %select23 = select i1 %compare21, i64 %negated22, i64 %key20
  %value24 = bitcast i64 %select23 to double
  %negative25 = fneg double %value24
  %select26 = select i1 %compare21, double %negative25, double %value24
  store double %select26, double* %element, align 8
  %call27 = call i8 @holds_0(double* %0)
  %compare28 = icmp eq i8 %call27, 2
  %compare29 = icmp eq i8 %call27, 0
  %compare30 = icmp eq i64 %select19, -9218868437227405311
  br i1 %compare28, label %exit, label %down_decided

gallop_up:                                        ; preds = %up_more, %decided
  %low = phi i64 [ %t0, %decided ], [ %select37, %up_more ]
  %step33 = phi i64 [ 1, %decided ], [ %select51, %up_more ]
  %room34 = sub i64 9218868437227405311, %low
  %compare35 = icmp uge i64 %step33, %room34
  %stepped36 = add i64 %low, %step33
  %select37 = select i1 %compare35, i64 9218868437227405311, i64 %stepped36
  %key38 = mul i64 %select37, 1
  %compare39 = icmp slt i64 %key38, 0
  %negated40 = sub i64 0, %key38
  %select41 = select i1 %compare39, i64 %negated40, i64 %key38
  %value42 = bitcast i64 %select41 to double
  %negative43 = fneg double %value42
  %select44 = select i1 %compare39, double %negative43, double %value42
  store double %select44, double* %element, align 8
  %call45 = call i8 @holds_0(double* %0)
  %compare46 = icmp eq i8 %call45, 2
  %compare47 = icmp eq i8 %call45, 1
  %compare48 = icmp eq i64 %select37, 9218868437227405311
  br i1 %compare46, label %exit, label %up_decided

bisect:                                           ; preds = %bisect_step, %up_found, %down_found
  %failing = phi i64 [ %select19, %down_found ], [ %low, %up_found ], [ %select63, %bisect_step ]
  %holding = phi i64 [ %high, %down_found ], [ %select37, %up_found ], [ %select64, %bisect_step ]
  %width = sub i64 %holding, %failing
  %compare52 = icmp ule i64 %width, 1
  %found = mul i64 %holding, 1
  br i1 %compare52, label %exit, label %bisect_step

bisect_step:                                      ; preds = %bisect
  %half = lshr i64 %width, 1
  %middle = add i64 %failing, %half
  %key53 = mul i64 %middle, 1
  %compare54 = icmp slt i64 %key53, 0
  %negated55 = sub i64 0, %key53
  %select56 = select i1 %compare54, i64 %negated55, i64 %key53
  %value57 = bitcast i64 %select56 to double
  %negative58 = fneg double %value57
  %select59 = select i1 %compare54, double %negative58, double %value57
  store double %select59, double* %element, align 8
  %call60 = call i8 @holds_0(double* %0)
  %compare61 = icmp eq i8 %call60, 2
  %compare62 = icmp eq i8 %call60, 1
  %select63 = select i1 %compare62, i64 %failing, i64 %middle
  %select64 = select i1 %compare62, i64 %middle, i64 %holding
  br i1 %compare61, label %exit, label %bisect

exit:                                             ; preds = %bisect_step, %bisect, %up_more, %gallop_up, %down_more, %gallop_down, %entry
  %result = phi i64 [ -9223372036854775808, %entry ], [ -9223372036854775808, %gallop_down ], [ -9218868437227405311, %down_more ], [ -9223372036854775808, %gallop_up ], [ -9223372036854775807, %up_more ], [ %found, %bisect ], [ -9223372036854775808, %bisect_step ]
  store double %saved, double* %element, align 8
  ret i64 %result

down_more:                                        ; preds = %down_decided
  %doubled = mul i64 %step, 2
  %compare31 = icmp sgt i64 %doubled, 4611686018427387904
  %select32 = select i1 %compare31, i64 4611686018427387904, i64 %doubled
  br i1 %compare30, label %exit, label %gallop_down

down_found:                                       ; preds = %down_decided
  br label %bisect

down_decided:                                     ; preds = %gallop_down
  br i1 %compare29, label %down_found, label %down_more

up_more:                                          ; preds = %up_decided
  %doubled49 = mul i64 %step33, 2
  %compare50 = icmp sgt i64 %doubled49, 4611686018427387904
  %select51 = select i1 %compare50, i64 4611686018427387904, i64 %doubled49
  br i1 %compare48, label %exit, label %gallop_up

up_found:                                         ; preds = %up_decided
  br label %bisect

up_decided:                                       ; preds = %gallop_up
  br i1 %compare47, label %up_found, label %up_more
}

; Function Attrs: cold noinline
define internal i8 @correct_row_f64(double* %0) #1 {
entry:
  %element = getelementptr inbounds double, double* %0, i64 1
  %target = load double, double* %element, align 8
  br i1 false, label %undecided, label %level_decided

undecided:                                        ; preds = %choose97, %level_fix51, %level_done, %choose, %level_fix, %entry
  ret i8 3

impossible:                                       ; No predecessors!
  ret i8 2

level_decided:                                    ; preds = %entry
  br i1 true, label %level_done, label %level_fix

level_fix:                                        ; preds = %level_decided
  br i1 false, label %undecided, label %gaps_known

level_done:                                       ; preds = %store, %gaps_known, %level_decided
  %element39 = getelementptr inbounds double, double* %0, i64 0
  %target40 = load double, double* %element39, align 8
  %call41 = call i8 @holds_0(double* %0)
  %compare42 = icmp eq i8 %call41, 1
  %or43 = or i1 false, %compare42
  %compare44 = icmp eq i8 %call41, 2
  %or45 = or i1 false, %compare44
  %not46 = xor i1 %or43, true
  %and47 = and i1 %or45, %not46
  %and48 = and i1 true, %or43
  %or49 = or i1 false, %and47
  br i1 %or49, label %undecided, label %level_decided50

gaps_known:                                       ; preds = %level_fix
  %bits = bitcast double %target to i64
  %compare = icmp slt i64 %bits, 0
  %magnitude = and i64 %bits, 9223372036854775807
  %negated = sub i64 0, %magnitude
  %select = select i1 %compare, i64 %negated, i64 %bits
  %first_below = sub i64 %select, 1
  %first_above = add i64 %select, 1
  br i1 false, label %walk_down, label %level_done

walk_down:                                        ; preds = %walk_down, %gaps_known
  %below = phi i64 [ %first_below, %gaps_known ], [ %below, %walk_down ]
  %compare1 = icmp eq i64 %below, %below
  %compare2 = icmp slt i64 %below, -9218868437227405311
  %or = or i1 %compare1, %compare2
  br i1 %or, label %walk_up, label %walk_down

walk_up:                                          ; preds = %walk_up, %walk_down
  %above = phi i64 [ %first_above, %walk_down ], [ %above, %walk_up ]
  %compare3 = icmp eq i64 %above, %above
  %compare4 = icmp sgt i64 %above, 9218868437227405311
  %or5 = or i1 %compare3, %compare4
  br i1 %or5, label %choose, label %walk_up

choose:                                           ; preds = %walk_up
  %compare6 = icmp sge i64 %below, -9218868437227405311
  %compare7 = icmp sle i64 %above, 9218868437227405311
  %compare8 = icmp slt i64 %below, 0
  %negated9 = sub i64 0, %below
  %select10 = select i1 %compare8, i64 %negated9, i64 %below
  %value = bitcast i64 %select10 to double
  %negative = fneg double %value
  %select11 = select i1 %compare8, double %negative, double %value
  %compare12 = icmp slt i64 %above, 0
  %negated13 = sub i64 0, %above
  %select14 = select i1 %compare12, i64 %negated13, i64 %above
  %value15 = bitcast i64 %select14 to double
  %negative16 = fneg double %value15
  %select17 = select i1 %compare12, double %negative16, double %value15
  %negative_low = fneg double %select11
  %negative_target = fneg double %target
  %two_sum = fadd double %target, %negative_low
  %virtual_b = fsub double %two_sum, %target
  %virtual_a = fsub double %two_sum, %virtual_b
  %round_a = fsub double %target, %virtual_a
  %round_b = fsub double %negative_low, %virtual_b
  %two_sum_error = fadd double %round_a, %round_b
  %two_sum18 = fadd double %select17, %negative_target
  %virtual_b19 = fsub double %two_sum18, %select17
  %virtual_a20 = fsub double %two_sum18, %virtual_b19
  %round_a21 = fsub double %select17, %virtual_a20
  %round_b22 = fsub double %negative_target, %virtual_b19
  %two_sum_error23 = fadd double %round_a21, %round_b22
  %compare24 = fcmp olt double %two_sum, %two_sum18
  %compare25 = fcmp oeq double %two_sum, %two_sum18
  %compare26 = fcmp ole double %two_sum_error, %two_sum_error23
  %and = and i1 %compare25, %compare26
  %or27 = or i1 %compare24, %and
  %call = call double @llvm.fabs.f64(double %two_sum)
  %call28 = call double @llvm.fabs.f64(double %two_sum18)
  %compare29 = fcmp ole double %call, 0x7FEFFFFFFFFFFFFF
  %compare30 = fcmp ole double %call28, 0x7FEFFFFFFFFFFFFF
  %and31 = and i1 %compare29, %compare30
  %and32 = and i1 %compare6, %compare7
  %select33 = select i1 %and32, i1 %or27, i1 %compare6
  %select34 = select i1 %select33, double %select11, double %select17
  %or35 = or i1 %compare6, %compare7
  %not = xor i1 %or35, true
  %not36 = xor i1 %and31, true
  %and37 = and i1 %and32, %not36
  %or38 = or i1 %not, %and37
  br i1 %or38, label %undecided, label %store

store:                                            ; preds = %choose
  store double %select34, double* %element, align 8
  br label %level_done

level_decided50:                                  ; preds = %level_done
  br i1 %and48, label %level_done52, label %level_fix51

level_fix51:                                      ; preds = %level_decided50
  %call53 = call i64 @boundary_0_f64(double* %0)
  %compare54 = icmp eq i64 %call53, -9223372036854775808
  %or55 = or i1 false, %compare54
  %compare56 = icmp eq i64 %call53, -9223372036854775807
  %select57 = select i1 %compare56, i64 9218868437227405312, i64 %call53
  %compare58 = icmp slt i64 %select57, 9218868437227405312
  %select59 = select i1 %compare58, i64 %select57, i64 9218868437227405312
  %end = sub i64 %select59, 1
  %compare60 = icmp sle i64 -9218868437227405311, %end
  %and61 = and i1 %compare60, true
  %select62 = select i1 %and61, i64 -9218868437227405311, i64 9223372036854775807
  %select63 = select i1 %and61, i64 %end, i64 -9223372036854775808
  %and64 = and i1 %or55, true
  %or65 = or i1 false, %and64
  br i1 %or65, label %undecided, label %gaps_known66

level_done52:                                     ; preds = %store144, %gaps_known66, %level_decided50
  ret i8 0

gaps_known66:                                     ; preds = %level_fix51
  %bits67 = bitcast double %target40 to i64
  %compare68 = icmp slt i64 %bits67, 0
  %magnitude69 = and i64 %bits67, 9223372036854775807
  %negated70 = sub i64 0, %magnitude69
  %select71 = select i1 %compare68, i64 %negated70, i64 %bits67
  %compare72 = icmp sle i64 %select62, %select71
  %compare73 = icmp sle i64 %select71, %select63
  %and74 = and i1 %compare72, %compare73
  %or75 = or i1 false, %and74
  %first_below76 = sub i64 %select71, 1
  %first_above77 = add i64 %select71, 1
  br i1 %or75, label %walk_down78, label %level_done52

walk_down78:                                      ; preds = %walk_down78, %gaps_known66
  %below79 = phi i64 [ %first_below76, %gaps_known66 ], [ %select83, %walk_down78 ]
  %compare80 = icmp sle i64 %select62, %below79
  %compare81 = icmp sle i64 %below79, %select63
  %and82 = and i1 %compare80, %compare81
  %jumped = sub i64 %select62, 1
  %select83 = select i1 %and82, i64 %jumped, i64 %below79
  %compare84 = icmp eq i64 %select83, %below79
  %compare85 = icmp slt i64 %select83, -9218868437227405311
  %or86 = or i1 %compare84, %compare85
  br i1 %or86, label %walk_up87, label %walk_down78

walk_up87:                                        ; preds = %walk_up87, %walk_down78
  %above88 = phi i64 [ %first_above77, %walk_down78 ], [ %select93, %walk_up87 ]
  %compare89 = icmp sle i64 %select62, %above88
  %compare90 = icmp sle i64 %above88, %select63
  %and91 = and i1 %compare89, %compare90
  %jumped92 = add i64 %select63, 1
  %select93 = select i1 %and91, i64 %jumped92, i64 %above88
  %compare94 = icmp eq i64 %select93, %above88
  %compare95 = icmp sgt i64 %select93, 9218868437227405311
  %or96 = or i1 %compare94, %compare95
  br i1 %or96, label %choose97, label %walk_up87

choose97:                                         ; preds = %walk_up87
  %compare98 = icmp sge i64 %select83, -9218868437227405311
  %compare99 = icmp sle i64 %select93, 9218868437227405311
  %compare100 = icmp slt i64 %select83, 0
  %negated101 = sub i64 0, %select83
  %select102 = select i1 %compare100, i64 %negated101, i64 %select83
  %value103 = bitcast i64 %select102 to double
  %negative104 = fneg double %value103
  %select105 = select i1 %compare100, double %negative104, double %value103
  %compare106 = icmp slt i64 %select93, 0
  %negated107 = sub i64 0, %select93
  %select108 = select i1 %compare106, i64 %negated107, i64 %select93
  %value109 = bitcast i64 %select108 to double
  %negative110 = fneg double %value109
  %select111 = select i1 %compare106, double %negative110, double %value109
  %negative_low112 = fneg double %select105
  %negative_target113 = fneg double %target40
  %two_sum114 = fadd double %target40, %negative_low112
  %virtual_b115 = fsub double %two_sum114, %target40
  %virtual_a116 = fsub double %two_sum114, %virtual_b115
  %round_a117 = fsub double %target40, %virtual_a116
  %round_b118 = fsub double %negative_low112, %virtual_b115
  %two_sum_error119 = fadd double %round_a117, %round_b118
  %two_sum120 = fadd double %select111, %negative_target113
  %virtual_b121 = fsub double %two_sum120, %select111
  %virtual_a122 = fsub double %two_sum120, %virtual_b121
  %round_a123 = fsub double %select111, %virtual_a122
  %round_b124 = fsub double %negative_target113, %virtual_b121
  %two_sum_error125 = fadd double %round_a123, %round_b124
  %compare126 = fcmp olt double %two_sum114, %two_sum120
  %compare127 = fcmp oeq double %two_sum114, %two_sum120
  %compare128 = fcmp ole double %two_sum_error119, %two_sum_error125
  %and129 = and i1 %compare127, %compare128
  %or130 = or i1 %compare126, %and129
  %call131 = call double @llvm.fabs.f64(double %two_sum114)
  %call132 = call double @llvm.fabs.f64(double %two_sum120)
  %compare133 = fcmp ole double %call131, 0x7FEFFFFFFFFFFFFF
  %compare134 = fcmp ole double %call132, 0x7FEFFFFFFFFFFFFF
  %and135 = and i1 %compare133, %compare134
  %and136 = and i1 %compare98, %compare99
  %select137 = select i1 %and136, i1 %or130, i1 %compare98
  %select138 = select i1 %select137, double %select105, double %select111
  %or139 = or i1 %compare98, %compare99
  %not140 = xor i1 %or139, true
  %not141 = xor i1 %and135, true
  %and142 = and i1 %and136, %not141
  %or143 = or i1 %not140, %and142
  br i1 %or143, label %undecided, label %store144

store144:                                         ; preds = %choose97
  store double %select138, double* %element39, align 8
  br label %level_done52
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
  %call37 = call i8 @correct_row_f64(double* %scratch)
  %compare38 = icmp eq i8 %call37, 0
  br i1 %compare38, label %write_back, label %slow_next

write_back:                                       ; preds = %run
  br label %columns39

slow_next:                                        ; preds = %columns_done40, %run, %columns_done26, %slow_head
  %row_status = phi i8 [ 0, %slow_head ], [ 4, %columns_done26 ], [ %call37, %run ], [ %written, %columns_done40 ]
  %compare49 = icmp eq i8 %row_status, 3
  %undecided50 = zext i1 %compare49 to i64
  %next_count = add i64 %undecided18, %undecided50
  br i1 %no_status, label %after_status, label %store_status

store_status:                                     ; preds = %slow_next
  %row_index51 = add i64 %base, %j
  %element52 = getelementptr inbounds i8, i8* %2, i64 %row_index51
  store i8 %row_status, i8* %element52, align 1
  br label %after_status

after_status:                                     ; preds = %store_status, %slow_next
  %next_j = add i64 %j, 1
  %compare53 = icmp ult i64 %next_j, %select
  br i1 %compare53, label %slow_head, label %chunk_tail

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

columns39:                                        ; preds = %columns39, %write_back
  %column41 = phi i64 [ 0, %write_back ], [ %next_column47, %columns39 ]
  %accumulator42 = phi i1 [ false, %write_back ], [ %or46, %columns39 ]
  %element43 = getelementptr inbounds double, double* %element24, i64 %column41
  %old = load double, double* %element43, align 8
  %element44 = getelementptr inbounds double, double* %scratch, i64 %column41
  %new = load double, double* %element44, align 8
  %old_bits = bitcast double %old to i64
  %new_bits = bitcast double %new to i64
  store double %new, double* %element43, align 8
  %compare45 = icmp ne i64 %old_bits, %new_bits
  %or46 = or i1 %accumulator42, %compare45
  %next_column47 = add i64 %column41, 1
  %compare48 = icmp ult i64 %next_column47, 2
  br i1 %compare48, label %columns39, label %columns_done40

columns_done40:                                   ; preds = %columns39
  %written = zext i1 %or46 to i8
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
attributes #1 = { cold noinline }
