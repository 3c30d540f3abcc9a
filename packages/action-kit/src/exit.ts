/**
 * endProcess ends a step's process as soon as its work is done and its log written, with the exit
 * code the step set: a natural exit would first tear Node's runtime down (the heap, the compiler
 * threads), about 10 ms the runner waits for after every step. Everything a step writes for the
 * runner (outputs, state, summary) is already in its files; stdout and stderr are drained first,
 * as pipes to the runner may be asynchronous (macOS).
 */
export async function endProcess(): Promise<never> {
  for (const stream of [process.stdout, process.stderr])
    if (stream.writableLength > 0) await new Promise((resolve) => stream.once('drain', resolve));
  process.exit();
}
