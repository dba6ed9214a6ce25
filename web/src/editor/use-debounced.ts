import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `ms` (the preview follows typing without re-rendering on every key). */
export const useDebounced = <T,>(value: T, ms: number): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};
