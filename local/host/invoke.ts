import { randomUUID } from 'node:crypto';
import type { FunctionRegistry, LogRecord, RegisteredFunction, RpcInvocationRequest, RpcInvocationResponse } from './core-api.js';

/** Raised when the app has no programming model or no such function: a host error, not the app's. */
export class HostInvocationError extends Error {
  override readonly name = 'HostInvocationError';
}

/** One finished invocation. */
export interface InvocationOutcome {
  invocationId: string;
  response: RpcInvocationResponse;
}

/**
 * Invokes a registered function exactly as the Node worker does: the app's own programming
 * model builds the arguments from RPC input data, `preInvocation` hooks run, the handler is
 * called, `postInvocation` hooks run, and the programming model converts the result back to
 * RPC output. Rejects with the handler's error when the invocation fails.
 */
export async function invokeFunction(
  registry: FunctionRegistry,
  fn: RegisteredFunction,
  request: RpcInvocationRequest,
  log: (record: LogRecord) => void,
): Promise<InvocationOutcome> {
  const model = registry.programmingModel;
  if (!model) throw new HostInvocationError('The app did not set a programming model (is it a v4-model app?).');
  const invocationId = randomUUID();
  const functionName = fn.metadata.name;
  const coreCtx = {
    invocationId,
    request,
    metadata: fn.metadata,
    state: undefined as 'preInvocationHooks' | 'postInvocationHooks' | 'invocation' | undefined,
    log: (level: string, category: string, message: string) => log({ level, category, message, functionName, invocationId }),
  };
  const invocationModel = model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocationModel.getArguments();
  const hookData: Record<string, unknown> = {};

  coreCtx.state = 'preInvocationHooks';
  const pre = { hookData, appHookData: registry.appHookData, invocationContext: context, functionCallback: fn.callback, inputs };
  await registry.runHooks('preInvocation', pre);

  coreCtx.state = 'invocation';
  let result: unknown;
  let error: unknown;
  try {
    result = await invocationModel.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (caught) {
    error = caught;
  }

  coreCtx.state = 'postInvocationHooks';
  const post = { hookData, appHookData: registry.appHookData, invocationContext: context, inputs: pre.inputs, result, error };
  await registry.runHooks('postInvocation', post);
  if (post.error !== undefined && post.error !== null) throw post.error;
  return { invocationId, response: await invocationModel.getResponse(context, post.result) };
}
