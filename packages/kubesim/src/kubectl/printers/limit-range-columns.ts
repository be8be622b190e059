/**
 * `kubectl get limitranges` columns. LimitRange's REST storage has no printer of its own: it uses the
 * API server's default table convertor, so the table is NAME and CREATED AT (the creation
 * timestamp in UTC, `time.RFC3339`, not an age), the same with `-o wide`.
 * @see kubernetes pkg/registry/core/limitrange/storage/storage.go (TableConvertor:
 *   rest.NewDefaultTableConvertor; pkg/printers/internalversion/printers.go registers no LimitRange handler)
 * @see apiserver pkg/registry/rest/table.go (defaultTableConvertor.ConvertToTable)
 */
import type { KubeObject } from '@kubesim/core';
import { rfc3339Utc } from '../duration.js';
import type { TableDef } from './columns.js';

/** `defaultTableConvertor`: NAME, CREATED AT (`GetCreationTimestamp().Time.UTC().Format(time.RFC3339)`). */
export const limitRangeTable: TableDef = {
  headers: ['CREATED AT'],
  wideHeaders: [],
  row: (o: KubeObject) => [rfc3339Utc(o.metadata.creationTimestamp)],
};
