# The shadow-stack pointer (the __stack_pointer global wasm-ld creates), for lua_wasi.c: C
# cannot read or write a wasm global itself.
	.globaltype	__stack_pointer, i32

	.text
	.globl	wasitrace_get_stack_pointer
	.type	wasitrace_get_stack_pointer,@function
wasitrace_get_stack_pointer:
	.functype	wasitrace_get_stack_pointer () -> (i32)
	global.get	__stack_pointer
	end_function

	.globl	wasitrace_set_stack_pointer
	.type	wasitrace_set_stack_pointer,@function
wasitrace_set_stack_pointer:
	.functype	wasitrace_set_stack_pointer (i32) -> ()
	local.get	0
	global.set	__stack_pointer
	end_function
