import { describe, expectTypeOf, it } from 'vitest';
import type {
  ErrorBody,
  ErrorCode,
  OperationError,
  OperationErrorCode,
  OperationErrorStatus,
  OperationProblemDetails,
  ProblemDetails,
} from './index.js';

describe('OperationError', () => {
  it("is exactly the union of an operation's declared codes for a status", () => {
    expectTypeOf<OperationErrorCode<'runModel', 429>>().toEqualTypeOf<
      'RATE_LIMIT_EXCEEDED' | 'CONCURRENT_LIMIT_EXCEEDED' | 'DAILY_QUOTA_EXCEEDED' | 'OUT_OF_CAPACITY'
    >();
    expectTypeOf<OperationErrorCode<'listModels', 429>>().toEqualTypeOf<
      'RATE_LIMIT_EXCEEDED' | 'CONCURRENT_LIMIT_EXCEEDED'
    >();
    expectTypeOf<OperationErrorCode<'submitRequest', 429>>().toEqualTypeOf<
      'RATE_LIMIT_EXCEEDED' | 'CONCURRENT_LIMIT_EXCEEDED' | 'QUEUE_LIMIT_EXCEEDED' | 'DAILY_QUOTA_EXCEEDED'
    >();
  });

  it('lists only the statuses an operation declares', () => {
    expectTypeOf<OperationErrorStatus<'getRequestStatus'>>().toEqualTypeOf<
      400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504
    >();
  });

  // `details` is required of an Errata server's own answers (JSON Schema: when there is no
  // `origin`), which TypeScript cannot express; a normalized provider error may lack it.
  it('narrows on code to expose that code’s details', () => {
    const error = {} as OperationError<'runModel', 400>;
    if (error.code === 'INVALID_FIELD_VALUE') {
      expectTypeOf(error.details?.field).toEqualTypeOf<string | undefined>();
      expectTypeOf(error.category).toEqualTypeOf<'validation'>();
      expectTypeOf(error.retry).toEqualTypeOf<'never'>();
      expectTypeOf(error.status).toEqualTypeOf<400>();
    }
    const failed = {} as OperationError<'getRequestStatus', 400>;
    if (failed.code === 'REQUEST_FAILED') {
      expectTypeOf(failed.details?.job?.status).toEqualTypeOf<
        'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | undefined
      >();
    }
  });

  // Required of an Errata server's body only (the schema's `if: origin absent`): a normalized provider
  // error states a wait only where the provider did, so the type cannot promise one.
  it('types retry_after as optional, even on codes whose policy is to wait', () => {
    expectTypeOf<ErrorBody<'RATE_LIMIT_EXCEEDED'>['retry_after']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ErrorBody<'INTERNAL_ERROR'>['retry_after']>().toEqualTypeOf<number | undefined>();
  });

  it('rejects a code the operation does not declare', () => {
    // @ts-expect-error MODEL_NOT_FOUND is not a 429 of runModel
    const notA429: OperationErrorCode<'runModel', 429> = 'MODEL_NOT_FOUND';
    // @ts-expect-error listModels declares no 404
    type NoSuchStatus = OperationError<'listModels', 404>;
    const error = {} as OperationError<'listModels'>;
    // @ts-expect-error REQUEST_FAILED is never returned by listModels, so the comparison cannot be true
    if (error.code === 'REQUEST_FAILED') throw new Error('unreachable');
    expectTypeOf(notA429).toBeString();
    expectTypeOf<NoSuchStatus>().toBeNever();
  });

  it('ErrorCode is the catalog’s keys', () => {
    expectTypeOf<'MODEL_NOT_FOUND'>().toExtend<ErrorCode>();
    // @ts-expect-error not a code
    const bogus: ErrorCode = 'NOT_A_CODE';
    expectTypeOf(bogus).toBeString();
  });
});

describe('ProblemDetails', () => {
  it('is the same envelope with RFC 9457’s members, narrowing on code as the JSON body does', () => {
    const problem = {} as OperationProblemDetails<'runModel', 429>;
    expectTypeOf(problem.type).toEqualTypeOf<string>();
    expectTypeOf(problem.instance).toEqualTypeOf<string>();
    expectTypeOf(problem.code).toEqualTypeOf<OperationErrorCode<'runModel', 429>>();
    if (problem.code === 'RATE_LIMIT_EXCEEDED') expectTypeOf(problem.retry).toEqualTypeOf<'after_retry_after'>();
    expectTypeOf<ProblemDetails<'MODEL_NOT_FOUND'>['code']>().toEqualTypeOf<'MODEL_NOT_FOUND'>();
    expectTypeOf<ProblemDetails['detail']>().toEqualTypeOf<string>();
  });
});
