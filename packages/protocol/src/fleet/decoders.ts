import { createDecoder, createMessageDecoder } from '../core/decode.js';
import { FleetAllocationAckSchema, FleetAllocationBatchAckSchema, FleetAllocationBatchSchema, FleetAllocationSchema } from './allocation.js';
import { FleetReleaseAckSchema, FleetReleaseSchema } from './release.js';
import { FleetGamesReportAnswerSchema, FleetGamesReportSchema, FleetReportAckSchema, fleetReportSchemas } from './reports.js';
import { FleetLeaveResponseSchema, FleetRegisterRequestSchema, FleetRegisterResponseSchema, FleetServerListSchema } from './servers.js';
import { FleetErrorSchema } from './shared.js';

/** Compiled once; every fleet edge (Coral's API, Moonstone's control API and client) decodes with these. */
export const fleetDecoders = {
  registerRequest: createDecoder(FleetRegisterRequestSchema),
  registerResponse: createDecoder(FleetRegisterResponseSchema),
  leaveResponse: createDecoder(FleetLeaveResponseSchema),
  serverList: createDecoder(FleetServerListSchema),
  allocation: createDecoder(FleetAllocationSchema),
  allocationAck: createDecoder(FleetAllocationAckSchema),
  allocationBatch: createDecoder(FleetAllocationBatchSchema),
  allocationBatchAck: createDecoder(FleetAllocationBatchAckSchema),
  release: createDecoder(FleetReleaseSchema),
  releaseAck: createDecoder(FleetReleaseAckSchema),
  report: createMessageDecoder(fleetReportSchemas),
  reportAck: createDecoder(FleetReportAckSchema),
  gamesReport: createDecoder(FleetGamesReportSchema),
  gamesReportAnswer: createDecoder(FleetGamesReportAnswerSchema),
  error: createDecoder(FleetErrorSchema),
} as const;
