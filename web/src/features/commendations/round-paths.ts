/** Where the commendation flow lives (khen thưởng). */
export const roundPaths = {
  list: '/khen-thuong',
  fund: '/khen-thuong/quy',
  pattern: '/khen-thuong/:id',
  round: (id: number) => `/khen-thuong/${id}`,
};
