import type { BlockBody, BlockView } from '@thidua/contracts';
import { api } from '../../app/api';
import type { Ok } from '../../app/types';

export const blocksApi = {
  list: (year: number) => api.get<{ items: BlockView[] }>('/api/blocks', { year }),
  create: (body: BlockBody) => api.post<BlockView>('/api/blocks', body),
  update: (id: number, body: BlockBody) => api.put<BlockView>(`/api/blocks/${id}`, body),
  remove: (id: number) => api.delete<Ok>(`/api/blocks/${id}`),
};
