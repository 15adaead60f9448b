import { paths } from '../../app/paths';

/** Where a person's record of achievements (hồ sơ thành tích) lives: under the person. */
export const awardPaths = {
  recordPattern: `${paths.people}/:id/thanh-tich`,
  record: (personId: number) => `${paths.people}/${personId}/thanh-tich`,
};
